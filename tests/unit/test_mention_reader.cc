// MentionReader: the mentions of documents, found on worker threads, handed out in the
// order asked for; a removed document as nothing, and a failure after what came before it.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "mentions_reader.hh"

using namespace minutes;

namespace {

// 100 documents whose data is their number; document 50 removed.
Xapian::WritableDatabase numbered_documents() {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 1; i <= 100; ++i) {
        Xapian::Document doc;
        doc.set_data(std::to_string(i));
        db.add_document(doc);
    }
    db.delete_document(50);
    db.commit();
    return db;
}

std::vector<Xapian::docid> backwards() {
    std::vector<Xapian::docid> ids;
    for (Xapian::docid id = 100; id >= 1; --id)
        ids.push_back(id);
    return ids;
}

// Each document's "mentions": its record as the file name; record `bad` fails.
MentionReader::Find failing_at(const std::string& bad) {
    return [bad](std::string record) {
        if (record == bad) throw std::runtime_error("cannot read record " + bad);
        DocumentMentions found;
        found.file = record;
        return found;
    };
}

// The files handed out, "-" for a removed document, until the end or a failure.
std::vector<std::string> files_of(MentionReader& reader, std::string& error) {
    std::vector<std::string> files;
    try {
        for (std::optional<DocumentMentions> found; reader.next(found);)
            files.push_back(found ? found->file : "-");
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    return files;
}

}  // namespace

TEST_CASE("MentionReader: in the order asked for, on any number of workers") {
    auto db = numbered_documents();
    std::vector<std::string> expected;
    for (int i = 100; i >= 1; --i)
        expected.push_back(i == 50 ? "-" : std::to_string(i));
    for (std::size_t workers : {0, 1, 2, 4}) {
        CAPTURE(workers);
        MentionReader reader(db, backwards(), failing_at("none"), workers);
        std::string error;
        CHECK(files_of(reader, error) == expected);
        CHECK(error.empty());
    }
}

TEST_CASE("MentionReader: a failure is thrown after the documents before it") {
    auto db = numbered_documents();
    for (std::size_t workers : {0, 2}) {
        CAPTURE(workers);
        MentionReader reader(db, backwards(), failing_at("40"), workers);
        std::string error;
        auto files = files_of(reader, error);
        CHECK(error == "cannot read record 40");
        // 100 down to 41 (50 removed), in batches of 16: the whole batches before the one
        // holding 40 at least, and nothing at or past it.
        REQUIRE(files.size() >= 48);
        REQUIRE(files.size() <= 60);
        for (std::size_t i = 0; i < files.size(); ++i)
            CHECK(files[i] == (i == 50 ? "-" : std::to_string(100 - i)));
    }
}

TEST_CASE("MentionReader: left before the end, its workers stop") {
    auto db = numbered_documents();
    MentionReader reader(db, backwards(), failing_at("none"), 2);
    std::optional<DocumentMentions> found;
    REQUIRE(reader.next(found));
    CHECK(found->file == "100");
}  // the destructor joins the workers, which wait for the caller to take more
