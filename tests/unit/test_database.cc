// database.cc: telling a database that changed on disk (a commit, or another one renamed into
// its place by a full rebuild) from one that did not.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "database.hh"
#include "temp_dir.hh"

using namespace minutes;
namespace fs = std::filesystem;

namespace {

void add_documents(const std::string& path, int count) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    for (int i = 0; i < count; ++i) {
        Xapian::Document doc;
        doc.add_term("ord");
        db.add_document(doc);
    }
    db.commit();
}

}  // namespace

TEST_CASE("database: a commit or a database renamed into place is a change on disk") {
    TempDir dir;
    std::string path = (dir.path / "db").string(), fresh = (dir.path / "db.rebuilding").string();
    CHECK(path_identity(path).empty());
    add_documents(path, 1);
    std::string identity = path_identity(path);
    CHECK_FALSE(identity.empty());
    Xapian::Database db = open_for_reading(path);
    CHECK_FALSE(changed_on_disk(db, path, identity));

    add_documents(path, 1);  // a commit
    CHECK(path_identity(path) == identity);
    CHECK(changed_on_disk(db, path, identity));
    db.reopen();
    CHECK_FALSE(changed_on_disk(db, path, identity));

    add_documents(fresh, 5);  // a full rebuild's swap (index_writer.cc: replace_database)
    fs::rename(path, path + ".replaced");
    fs::rename(fresh, path);
    CHECK(path_identity(path) != identity);
    CHECK(changed_on_disk(db, path, identity));
    CHECK(open_for_reading(path).get_doccount() == 5);
}
