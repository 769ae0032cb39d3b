// End to end: hostile input. A bad-file corpus (tests/data/bad plus files made here that git
// cannot hold or that are too big to keep), bounded queries, and output that stays safe.
#include <doctest/doctest.h>
#include <unistd.h>

#include <map>
#include <thread>

#include "cli.hh"

using e2e::run;
namespace fs = std::filesystem;

namespace {

const fs::path bad_files = fs::path(MINUTES_SOURCE_DIR) / "tests/data/bad";

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy(from, to, fs::copy_options::recursive);
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The skipped files of a JSON summary: file -> reason.
std::map<std::string, std::string> skipped(const e2e::Run& r) {
    std::map<std::string, std::string> out;
    nlohmann::json summary = e2e::parse_json(r.out);
    for (const auto& s : summary["skipped_files"])
        out[s["file"]] = s["reason"];
    return out;
}

}  // namespace

TEST_CASE("hostile: each bad file is named with its reason, the rest is indexed, exit 1") {
    e2e::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    copy_tree(bad_files, archive / "bad");
    write_file(archive / "good.txt", "Mötet om Anneroskolan.\n");
    write_file(archive / "one-line-50MB.txt", std::string(50u << 20, 'a'));
    std::string lines;
    for (int i = 0; i < 1000000; ++i)
        lines += "ord\n";
    write_file(archive / "million-lines.txt", lines + "Sofieborgsskolan\n");
    fs::path deep = archive / "deep";
    for (int i = 0; i < 100; ++i)
        deep /= "d";
    write_file(deep / "deep.txt", "Djupt liggande Tallbackaskolan\n");
    fs::create_directories(archive / "loop");
    fs::create_symlink("..", archive / "loop" / "up");
    write_file(archive / "new\nline.txt", "Radbrytning i namnet: Ödåkraskolan\n");
    write_file(archive /
                   "bad\xff"
                   "name.txt",
               "Latin-1 i namnet: Påarpsskolan\n");
    bool root = geteuid() == 0;  // root reads files whatever their mode
    write_file(archive / "unreadable.txt", "Hemligt\n");
    fs::permissions(archive / "unreadable.txt", fs::perms::none);

    std::string db = (tmp.path / "db").string();
    std::string path = archive.string();
    auto r = run("minutes-index", {"--db", db, "--format", "json", path});
    CHECK(r.status == 1);
    auto skips = skipped(r);
    std::map<std::string, std::string> expected{
        {path + "/bad/binary.bin", "not text: contains NUL bytes"},
        {path + "/bad/blank.txt", "no words in it"},
        {path + "/bad/empty.txt", "empty file"},
        {path + "/bad/nul-bytes.txt", "not text: contains NUL bytes"},
        {path + "/one-line-50MB.txt", "larger than the limit of 20 MB"}};
    if (!root) expected[path + "/unreadable.txt"] = "cannot open: Permission denied";
    for (const auto& [file, reason] : skips)
        CHECK_MESSAGE(expected.count(file), "unexpected skip: ", file, ": ", reason);
    for (const auto& [file, reason] : expected)
        CHECK_MESSAGE(skips.count(file), "not skipped: ", file, ": ", reason, " stderr: ", r.err);
    CHECK(skips == expected);
    // Every skip is one line on stderr, the file named.
    for (const auto& [file, reason] : expected)
        CHECK(r.err.find("minutes-index: skipped " + file + ": " + reason + "\n") !=
              std::string::npos);
    auto found = [&](const std::string& q) {
        return run("minutes-query", {"--db", db, "search", q}).status == 0;
    };
    for (const char* q : {"Anneroskolan", "Sofieborgsskolan", "Tallbackaskolan", "Ödåkraskolan",
                          "Påarpsskolan", "Filbornaskolan", "Protokoll", "Ljungbackaskolan"})
        CHECK_MESSAGE(found(q), q);
    CHECK_FALSE(found("Lerbergsskolan"));  // in the file with NUL bytes
    // The file name with a line break is one line on stderr and in text output.
    auto text = run("minutes-query", {"--db", db, "--color", "never", "search", "Ödåkraskolan"});
    CHECK(text.out.find("new\nline") == std::string::npos);
    CHECK(text.out.find("new\xEF\xBF\xBDline.txt") != std::string::npos);
}

TEST_CASE("hostile: bad files change nothing else in the index") {
    e2e::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    copy_tree(fs::path(MINUTES_SOURCE_DIR) / "corpus", archive);
    std::string db = (tmp.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, archive.string()}).status == 0);
    auto before = e2e::dump_index(db);
    copy_tree(bad_files, archive / "bad");
    CHECK(run("minutes-index", {"--db", db}).status == 1);
    auto after = e2e::dump_index(db);
    CHECK(after.size() == before.size() + 3);  // utf16-no-bom, invalid-utf8, escapes
    for (const auto& [file, doc] : before) {
        INFO("file ", file);
        CHECK(after[file] == doc);
    }
}

TEST_CASE("hostile: a file that grows while it is indexed") {
    e2e::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    write_file(archive / "a.txt", "Början om Anneroskolan\n");
    for (int i = 0; i < 300; ++i)
        write_file(archive / ("f" + std::to_string(i) + ".txt"),
                   "Text om skolan nummer " + std::to_string(i) + "\n");
    std::atomic<bool> stop = false;
    std::thread grow([&] {
        std::ofstream out(archive / "a.txt", std::ios::app);
        while (!stop) {
            out << "mer text om Mariaskolan\n" << std::flush;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    std::string db = (tmp.path / "db").string();
    auto r = run("minutes-index", {"--db", db, archive.string()});
    stop = true;
    grow.join();
    CHECK(r.status == 0);
    CHECK(run("minutes-query", {"--db", db, "search", "Anneroskolan"}).status == 0);
    // The next run sees the grown file as changed and indexes all of it.
    auto again = run("minutes-index", {"--db", db, "--format", "json"});
    CHECK(again.status == 0);
    CHECK(e2e::parse_json(again.out)["updated"] == 1);
}

TEST_CASE("hostile: queries are bounded") {
    // 1 MB of query in 8 arguments (one argument may hold 128 KB), and 100,000 words: the
    // shell expands them from files, as a command line this long cannot be passed to it.
    e2e::TempDir tmp;
    std::string part = (tmp.path / "part").string(), words = (tmp.path / "words").string();
    std::ofstream(part) << std::string((1u << 17) - 1, 'a');
    std::ofstream out(words);
    for (int i = 0; i < 100000; ++i)
        out << "o" << i << "\n";
    out.close();
    std::string query = e2e::quote(std::string(MINUTES_BIN_DIR) + "/minutes-query") + " --db " +
                        e2e::quote(e2e::corpus_db()) + " search ";
    std::string parts;
    for (int i = 0; i < 8; ++i)
        parts += " \"$(cat " + e2e::quote(part) + ")\"";
    auto r = e2e::shell(query + parts);
    CHECK(r.status == 2);
    CHECK(r.err == "minutes-query: error: the query is longer than 65536 bytes\n");
    auto t = e2e::shell(query + "$(cat " + e2e::quote(words) + ")");
    CHECK(t.status == 2);
    CHECK(t.err.rfind("minutes-query: error: ", 0) == 0);
    auto terms = run("minutes-query", {"--db", e2e::corpus_db(), "search", [] {
                                           std::string q;
                                           for (int i = 0; i < 2000; ++i)
                                               q += "ord" + std::to_string(i) + " OR ";
                                           return q + "slut";
                                       }()});
    CHECK(terms.status == 2);
    CHECK(terms.err == "minutes-query: error: the query has more than 1000 terms\n");
    auto mentions = run("minutes-query", {"--db", e2e::corpus_db(), "--max-query-terms", "2",
                                          "mentions", "H22", "IMTEC", "VP"});
    CHECK(mentions.status == 2);
    CHECK(mentions.err == "minutes-query: error: more than 2 terms\n");
    auto prefix =
        run("minutes-query", {"--db", e2e::corpus_db(), "--max-prefix-words", "3", "search", "a*"});
    CHECK(prefix.status == 2);
    CHECK(prefix.err.find("a* expands to more than 3 terms") != std::string::npos);
    // A prefix matching a great many words is bounded too: an answer or an error, at once.
    auto w = run("minutes-query", {"--db", e2e::corpus_db(), "search", "a*"});
    CHECK((w.status == 0 || w.status == 2));
}

TEST_CASE("hostile: documents cannot drive the terminal; JSON and CSV escape them") {
    e2e::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, "tests/data/bad/escapes.txt"}).status == 0);
    for (const char* command : {"search", "mentions"}) {
        auto text =
            run("minutes-query", {"--db", db, "--color", "never", command, "Ljungbackaskolan"});
        INFO(command);
        CHECK(text.status == 0);
        CHECK(text.out.find('\033') == std::string::npos);
        CHECK(text.out.find('\007') == std::string::npos);
        auto json =
            run("minutes-query", {"--db", db, "--format", "json", command, "Ljungbackaskolan"});
        CHECK(json.out.find('\033') == std::string::npos);
        CHECK(json.out.find("red") != std::string::npos);
        CHECK_NOTHROW(e2e::parse_json(json.out));
    }
}
