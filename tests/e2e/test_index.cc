// End to end: minutes-index as scripts run it: summary line, JSON, exit codes, bad files,
// incremental updates.
#include <doctest/doctest.h>

#include <regex>

#include "cli.hh"

using e2e::run;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string summary_line(const std::string& out) {
    REQUIRE(!out.empty());
    return out.substr(0, out.find('\n'));
}

const std::regex summary_pattern(
    R"(indexed (\d+), updated (\d+), removed (\d+), unchanged (\d+), skipped (\d+) in \d+\.\d+ s)");

std::vector<int> counts(const std::string& out) {
    std::smatch m;
    std::string line = summary_line(out);
    REQUIRE(std::regex_match(line, m, summary_pattern));
    return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5])};
}

}  // namespace

TEST_CASE("index: corpus/ gives the summary line and exit 0") {
    e2e::TempDir tmp;
    auto db = (tmp.path / "db").string();
    auto r = run("minutes-index", {"--db", db, "corpus/"});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(counts(r.out) == std::vector<int>{5, 0, 0, 0, 0});
}

TEST_CASE("index: incremental runs skip, update, add and remove files") {
    e2e::TempDir tmp;
    auto db = (tmp.path / "db").string();
    auto archive = tmp.path / "archive";
    write_file(archive / "a.txt", "Budgeten för Anneroskolan diskuterades.\n");
    write_file(archive / "sub/b.txt", "Mötet om H22 hölls i Båstad.\n");
    CHECK(counts(run("minutes-index", {"--db", db, archive.string()}).out) ==
          std::vector<int>{2, 0, 0, 0, 0});
    CHECK(counts(run("minutes-index", {"--db", db, archive.string()}).out) ==
          std::vector<int>{0, 0, 0, 2, 0});

    write_file(archive / "a.txt", "Budgeten för Mariaskolan diskuterades igen.\n");
    write_file(archive / "c.txt", "Nytt protokoll om IMTEC.\n");
    fs::remove(archive / "sub/b.txt");
    // With no PATH the remembered paths are brought up to date.
    CHECK(counts(run("minutes-index", {"--db", db}).out) == std::vector<int>{1, 1, 1, 0, 0});

    auto search = [&](const std::string& q) {
        return run("minutes-query", {"--db", db, "--format", "json", "search", q});
    };
    CHECK(search("Anneroskolan").status == 1);
    CHECK(search("H22").status == 1);
    auto maria = e2e::parse_json(search("Mariaskolan").out);
    REQUIRE(maria["results"].size() == 1);
    CHECK(maria["results"][0]["file"] == archive.string() + "/a.txt");
    CHECK(search("IMTEC").status == 0);

    // --full rebuilds: every file counts as newly indexed.
    CHECK(counts(run("minutes-index", {"--db", db, "--full", archive.string()}).out) ==
          std::vector<int>{2, 0, 0, 0, 0});
    // --full without paths rebuilds the remembered ones.
    CHECK(counts(run("minutes-index", {"--db", db, "--full"}).out) ==
          std::vector<int>{2, 0, 0, 0, 0});
}

TEST_CASE("index: files that are not text are skipped by name, the rest indexed, exit 1") {
    e2e::TempDir tmp;
    auto db = (tmp.path / "db").string();
    auto archive = tmp.path / "archive";
    write_file(archive / "good.txt", "Protokoll om Anneroskolan.\n");
    write_file(archive / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
    write_file(archive / "nul.txt", std::string("Protokoll\0med\0nollor\n", 21));
    auto r = run("minutes-index", {"--db", db, archive.string()});
    CHECK(r.status == 1);
    CHECK(counts(r.out) == std::vector<int>{1, 0, 0, 0, 2});
    CHECK(r.err.find("minutes-index: skipped " + archive.string() + "/image.png: not text") !=
          std::string::npos);
    CHECK(r.err.find("minutes-index: skipped " + archive.string() + "/nul.txt: not text") !=
          std::string::npos);
    CHECK(run("minutes-query", {"--db", db, "search", "Anneroskolan"}).status == 0);
    CHECK(run("minutes-query", {"--db", db, "search", "nollor"}).status == 1);
}

TEST_CASE("index: --format json has the counts and the skipped files") {
    e2e::TempDir tmp;
    auto archive = tmp.path / "archive";
    write_file(archive / "good.txt", "Protokoll.\n");
    write_file(archive / "bad.bin", std::string("\0\1\2\3\4\5", 6));
    auto r = run("minutes-index",
                 {"--db", (tmp.path / "db").string(), "--format", "json", archive.string()});
    CHECK(r.status == 1);
    auto j = e2e::parse_json(r.out);
    CHECK(j["indexed"] == 1);
    CHECK(j["updated"] == 0);
    CHECK(j["removed"] == 0);
    CHECK(j["unchanged"] == 0);
    CHECK(j["skipped"] == 1);
    REQUIRE(j["skipped_files"].size() == 1);
    CHECK(j["skipped_files"][0]["file"] == archive.string() + "/bad.bin");
    CHECK(j["skipped_files"][0]["reason"].get<std::string>().rfind("not text", 0) == 0);
}

TEST_CASE("index: a missing path is named; usage errors exit 2") {
    e2e::TempDir tmp;
    auto db = (tmp.path / "db").string();
    auto r = run("minutes-index", {"--db", db, "corpus/", "no/such/folder"});
    CHECK(r.status == 1);
    CHECK(r.err.find("skipped no/such/folder: no such file or folder") != std::string::npos);
    CHECK(counts(r.out) == std::vector<int>{5, 0, 0, 0, 1});

    auto none = run("minutes-index", {"--db", (tmp.path / "empty-db").string()});
    CHECK(none.status == 2);
    CHECK(none.err.rfind("minutes-index: error: no paths given", 0) == 0);
    for (std::vector<std::string> args :
         std::vector<std::vector<std::string>>{{"--format", "xml", "corpus/"},
                                               {"--nosuch", "corpus/"},
                                               {"--progress", "--quiet", "corpus/"}}) {
        args.insert(args.begin(), {"--db", db});
        auto bad = run("minutes-index", args);
        CHECK(bad.status == 2);
        CHECK(bad.err.rfind("minutes-index: error: ", 0) == 0);
    }
    auto unwritable = run("minutes-index", {"--db", "/proc/minutes-db", "corpus/"});
    CHECK(unwritable.status == 2);
    CHECK(unwritable.err.find("/proc/minutes-db") != std::string::npos);
}

TEST_CASE("index: --help, --version and --quiet") {
    auto help = run("minutes-index", {"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("Usage: minutes-index") != std::string::npos);
    CHECK(help.out.find("--full") != std::string::npos);
    CHECK(run("minutes-index", {"--version"}).out.rfind("minutes-index ", 0) == 0);
    e2e::TempDir tmp;
    auto quiet = run("minutes-index", {"--db", (tmp.path / "db").string(), "--quiet", "corpus/"});
    CHECK(quiet.status == 0);
    CHECK(quiet.out.empty());
}

TEST_CASE("index: a database of an older schema is rebuilt from its remembered paths") {
    e2e::TempDir tmp;
    auto db = (tmp.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, "corpus/"}).status == 0);
    REQUIRE(std::system(("xapian-metadata set " + e2e::quote(db) + " minutes:schema 1").c_str()) ==
            0);
    CHECK(counts(run("minutes-index", {"--db", db}).out) == std::vector<int>{5, 0, 0, 0, 0});
    CHECK(run("minutes-query", {"--db", db, "search", "Anneroskolan"}).status == 0);
    CHECK(counts(run("minutes-index", {"--db", db}).out) == std::vector<int>{0, 0, 0, 5, 0});
}
