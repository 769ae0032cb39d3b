// A search shared by threads (each its own database handle and its own range of documents,
// search_matches.cc; the snippets too, search.cc) gives exactly the results of one thread.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "database.hh"
#include "index_writer.hh"
#include "query_parser.hh"
#include "search.hh"
#include "search_matches.hh"

namespace fs = std::filesystem;

namespace {

// A generated archive of 300 files (OCR noise, copies of meetings), indexed once.
struct Archive {
    fs::path dir;
    std::string db;

    Archive() {
        std::string tmpl = (fs::temp_directory_path() / "minutes-parallel-XXXXXX").string();
        dir = mkdtemp(tmpl.data());
        std::string corpus = (dir / "corpus").string();
        db = (dir / "db").string();
        std::string gen = std::string(MINUTES_SOURCE_DIR) + "/scripts/gen-corpus --out '" + corpus +
                          "' --docs 300 --seed 7 --ocr-rate 0.3 --dup-rate 0.15 --jobs 1 "
                          ">/dev/null";
        REQUIRE(std::system(gen.c_str()) == 0);
        minutes::IndexOptions options;
        options.db_path = db;
        options.roots = {corpus};
        REQUIRE(minutes::update_index(options).indexed == 300);
    }
    ~Archive() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Archive& archive() {
    static Archive a;
    return a;
}

minutes::SearchResults search(const Xapian::Database& db, const std::string& query,
                              unsigned threads, bool all_duplicates) {
    minutes::SearchOptions options;
    options.query = query;
    options.limit = 25;
    options.all_duplicates = all_duplicates;
    options.threads = threads;
    options.parallel_postings = 0;  // share every query, however small
    return minutes::search(db, options);
}

const std::vector<std::string> queries{"skola",
                                       "\"samverkan för bästa skola\"",
                                       "VP-uppdragen",
                                       "skola date:2019..2021",
                                       "(skola OR förskola) budget",
                                       "rektor NOT budget",
                                       "skol*",
                                       "H22 IMTEC",
                                       "återkoppling",
                                       "date:2020",
                                       "arbetet rektorerna",
                                       "\"vid anteckningarna\" -elever"};

}  // namespace

TEST_CASE("parallel search: 1 and 3 threads give the same hits, scores, snippets and totals") {
    Xapian::Database db = minutes::open_for_reading(archive().db);
    for (bool all : {false, true})
        for (const auto& q : queries) {
            INFO("query: ", q, all ? " (all duplicates)" : "");
            auto one = search(db, q, 1, all), three = search(db, q, 3, all);
            CHECK(three.total == one.total);
            REQUIRE(three.hits.size() == one.hits.size());
            for (std::size_t i = 0; i < one.hits.size(); ++i) {
                CHECK(three.hits[i].file == one.hits[i].file);
                CHECK(three.hits[i].score == one.hits[i].score);
                CHECK(three.hits[i].meeting == one.hits[i].meeting);
                CHECK(three.hits[i].snippet == one.hits[i].snippet);
                CHECK(three.hits[i].duplicates == one.hits[i].duplicates);
            }
            if (q == "skola") CHECK(one.total > 100);
        }
}

TEST_CASE(
    "parallel search: match_all over 3 ranges equals one pass, bit for bit and weight for "
    "weight") {
    Xapian::Database db = minutes::open_for_reading(archive().db);
    minutes::ExtraHandles extra(db, 2);
    REQUIRE(extra.handles().size() == 2);
    for (const auto& q : queries) {
        INFO("query: ", q);
        Xapian::Query query =
            minutes::parse_query(q, minutes::archive_query_context(db, false, {}));
        auto one = minutes::match_all(db, query);
        auto three = minutes::match_all(db, query, extra.handles(), 0);
        REQUIRE(one);
        REQUIRE(three);
        CHECK(three->bits == one->bits);
        REQUIRE(three->weights.size() == one->weights.size());  // none for a date alone
        std::size_t differ = 0;
        if (!one->weights.empty())
            one->for_each([&](Xapian::docid d) { differ += three->weights[d] != one->weights[d]; });
        CHECK(differ == 0);
        CHECK(one->count() > 0);
    }
}

TEST_CASE("match_all: the weights are Xapian's, whether the lengths were read or kept") {
    // From the second search of many postings on, a process keeps every document's length
    // (search_matches.cc: known_lengths); the weights stay those of Xapian's BM25Weight.
    Xapian::Database db = minutes::open_for_reading(archive().db);
    for (const auto& q : queries) {
        INFO("query: ", q);
        Xapian::Query query =
            minutes::parse_query(q, minutes::archive_query_context(db, false, {}));
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
        for (int pass = 0; pass < 3; ++pass) {
            auto matches = minutes::match_all(db, query);
            REQUIRE(matches);
            CHECK(matches->count() == all.size());
            std::size_t wrong = 0;
            for (auto it = all.begin(); it != all.end(); ++it)
                wrong += !matches->matches(*it) ||
                         (!matches->weights.empty() &&
                          std::abs(matches->weights[*it] - it.get_weight()) > matches->error);
            CHECK(wrong == 0);
        }
    }
}

TEST_CASE("parallel search: no extra handles for a database changed since it was opened") {
    std::string path = (archive().dir / "changing").string();
    minutes::IndexOptions options;
    options.db_path = path;
    options.roots = {MINUTES_CORPUS};
    REQUIRE(minutes::update_index(options).indexed > 0);
    Xapian::Database db = minutes::open_for_reading(path);
    {
        Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
        writer.add_document(Xapian::Document());
        writer.commit();
    }
    minutes::ExtraHandles extra(db, 1);
    CHECK(extra.handles().empty());
    // The search still answers, on one thread, from the revision it opened.
    CHECK(search(db, "skolan", 2, false).total == search(db, "skolan", 1, false).total);
    CHECK(search(db, "skolan", 1, false).total > 0);
    db.reopen();
    minutes::ExtraHandles now(db, 1);
    CHECK(now.handles().size() == 1);
}

TEST_CASE("parallel search: no extra handles for a database not opened from a directory") {
    Xapian::WritableDatabase writer(std::string(), Xapian::DB_BACKEND_INMEMORY);
    minutes::ExtraHandles extra(writer, 2);
    CHECK(extra.handles().empty());
}
