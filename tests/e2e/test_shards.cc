// End to end over shards: corpus/ and a generated archive split into 3 shards, linked, and
// searched through stub files — all local, two served by xapian-tcpsrv on 127.0.0.1, and two
// through xapian-progsrv — must answer every command exactly as one database of the same
// files does.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "cli.hh"

using e2e::run;
using nlohmann::json;
namespace fs = std::filesystem;

extern char** environ;

namespace {

// An xapian-tcpsrv on 127.0.0.1 serving one database, stopped (by its pid) when destroyed.
class TcpServer {
  public:
    explicit TcpServer(const std::string& db, const fs::path& log) {
        // A free port: the server exits at once when the one tried is taken.
        static int attempts = 0;  // every server of the process tries other ports
        for (int tries = 0; tries < 20 && !pid_; ++tries, ++attempts) {
            port_ = 20000 + static_cast<int>((getpid() * 7 + attempts * 131) % 30000);
            start(db, log);
        }
        REQUIRE_MESSAGE(pid_ != 0, "xapian-tcpsrv did not start: " << e2e::slurp(log.string()));
    }
    ~TcpServer() {
        if (!pid_) return;
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    int port() const { return port_; }

  private:
    void start(const std::string& db, const fs::path& log) {
        std::string port = std::to_string(port_);
        std::vector<std::string> args{"xapian-tcpsrv", "--interface", "127.0.0.1",
                                      "--port",        port,          db};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&files, 1, 2);
        // A process group of its own: xapian-tcpsrv ends its group when it is stopped.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes, 0);
        pid_t pid = 0;
        int failed = posix_spawnp(&pid, "xapian-tcpsrv", &files, &attributes, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        posix_spawnattr_destroy(&attributes);
        REQUIRE_MESSAGE(failed == 0, "cannot run xapian-tcpsrv (scripts/setup installs it)");
        for (int i = 0; i < 100; ++i) {                         // up to 5 s
            if (waitpid(pid, nullptr, WNOHANG) == pid) return;  // port taken: try another
            if (accepts_connections()) {
                // Another program may hold the port: ours must still be running.
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                if (waitpid(pid, nullptr, WNOHANG) == pid) return;
                pid_ = pid;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    bool accepts_connections() const {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        close(fd);
        return ok;
    }
    pid_t pid_ = 0;
    int port_ = 0;
};

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

struct Sharded {
    e2e::TempDir dir;
    fs::path files[3] = {dir.path / "files0", dir.path / "files1", dir.path / "files2"};
    std::string one = (dir.path / "one").string();
    std::string shard[3] = {(dir.path / "shard0").string(), (dir.path / "shard1").string(),
                            (dir.path / "shard2").string()};
    std::string local_stub = (dir.path / "local.stub").string();
    std::vector<json> truth;
    json link;

    Sharded() {
        split_archive();
        auto r = run("minutes-index", {"--db", one, files[0], files[1], files[2]});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        for (int s = 0; s < 3; ++s) {
            r = run("minutes-index", {"--db", shard[s], files[s]});
            REQUIRE_MESSAGE(r.status == 0, r.err);
        }
        write_file(local_stub,
                   "# the three shards\nauto shard0\nauto shard1\nauto " + shard[2] + "\n");
        r = run("minutes-index", {"--link", local_stub, "--format", "json"});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        link = json::parse(r.out)["link"];
    }

    // corpus/ and 150 generated files (a third of them with a copy), dealt out in turn.
    void split_archive() {
        fs::path generated = dir.path / "generated";
        std::string truth_file = (dir.path / "truth.jsonl").string();
        auto gen = e2e::shell("scripts/gen-corpus --out " + e2e::quote(generated.string()) +
                              " --docs 150 --seed 11 --ocr-rate 0.3 --dup-rate 0.3 --jobs 1 "
                              "--truth " +
                              e2e::quote(truth_file));
        REQUIRE_MESSAGE(gen.status == 0, gen.err);
        std::istringstream lines(e2e::slurp(truth_file));
        for (std::string line; std::getline(lines, line);)
            truth.push_back(json::parse(line));
        std::vector<fs::path> all;
        for (const auto& root : {fs::path(MINUTES_SOURCE_DIR) / "corpus", generated})
            for (const auto& entry : fs::recursive_directory_iterator(root))
                if (entry.is_regular_file()) all.push_back(entry.path());
        std::sort(all.begin(), all.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
        for (auto& f : files)
            fs::create_directories(f);
        for (std::size_t i = 0; i < all.size(); ++i)
            fs::copy_file(all[i], files[i % 3] / all[i].filename());
    }

    // Every command, in JSON: what scripts rely on.
    std::vector<std::vector<std::string>> commands() const {
        std::vector<std::vector<std::string>> c = {
            {"search", "skola"},
            {"search", "--limit", "100", "möte"},
            {"search", "Anneroskolan"},
            {"search", "Aterkoppling"},
            {"search", "\"verksamhetsplan\" OR H22"},
            {"search", "--all-duplicates", "--limit", "50", "skolan"},
            {"search", "--from", "2018-01-01", "--to", "2019-12-31", "elever"},
            {"search", "date:2019", "kvalitet"},
            {"search", "Kattarp*"},
            {"mentions", "H22"},
            {"mentions", "--count", "skola", "BUN"},
            {"mentions", "--exact", "VP"},
            {"mentions", "Annero"},
            {"meeting", "2022-10-11"},
            {"meeting", "001_0585aeec550ae778.txt"},
            {"people"},
            {"meetings"},
            {"meetings", "--from", "2019-01-01", "--to", "2020-12-31"},
            {"attended", "Lolita Nilsson"},
        };
        for (std::size_t i = 0; i < 3; ++i) {  // people and dates of the generated archive
            const json& t = truth[i * 7];
            if (!t["participants"].empty())
                c.push_back({"attended", t["participants"][0].get<std::string>()});
            if (!t["secretary"].is_null())
                c.push_back({"search", "secretary:\"" + t["secretary"].get<std::string>() + "\""});
            if (!t["date"].is_null()) c.push_back({"meeting", t["date"].get<std::string>()});
        }
        return c;
    }

    // The JSON of every command against `db`: exit status and output, one per command.
    std::vector<std::string> answers(const std::string& db) const {
        std::vector<std::string> out;
        for (auto args : commands()) {
            args.insert(args.begin(), {"--db", db, "--format", "json"});
            auto r = run("minutes-query", args);
            out.push_back(std::to_string(r.status) + " " + r.out + r.err);
        }
        return out;
    }
};

const Sharded& sharded() {
    static Sharded s;
    return s;
}

void check_same_answers(const std::string& stub) {
    auto expected = sharded().answers(sharded().one);
    auto got = sharded().answers(stub);
    auto commands = sharded().commands();
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        std::string command;
        for (const auto& a : commands[i])
            command += a + " ";
        INFO("command: ", command);
        CHECK(got[i] == expected[i]);
    }
}

}  // namespace

TEST_CASE("shards: the single database's answers are worth comparing") {
    const auto& s = sharded();
    json meetings = json::parse(
        run("minutes-query", {"--db", s.one, "--format", "json", "meetings"}).out)["meetings"];
    // Copies of one meeting are folded, some of them held by different shards.
    std::size_t files = 0, across = 0;
    for (const auto& m : meetings) {
        files += m["files"].size();
        std::set<std::string> folders;
        for (const auto& f : m["files"])
            folders.insert(fs::path(f.get<std::string>()).parent_path().filename().string());
        across += folders.size() > 1;
    }
    CHECK(files == 155);
    CHECK(meetings.size() < files);
    CHECK(across >= 5);
    CHECK(s.link["shards"] == 3);
    CHECK(s.link["documents"] == 155);
    CHECK(s.link["relinked"].get<int>() >= 5);
    for (const auto& answer : s.answers(s.one))
        CHECK(answer.rfind("0 ", 0) == 0);  // every command finds something
}

TEST_CASE("shards: three local shards through a stub answer as one database") {
    check_same_answers(sharded().local_stub);
}

TEST_CASE("shards: two of them served by xapian-tcpsrv on 127.0.0.1") {
    const auto& s = sharded();
    TcpServer first(s.shard[1], s.dir.path / "tcpsrv1.log");
    TcpServer second(s.shard[2], s.dir.path / "tcpsrv2.log");
    std::string stub = (s.dir.path / "remote.stub").string();
    // Both spellings of a TCP line: Xapian 1.4's, and with a colon first.
    write_file(stub, "auto " + s.shard[0] + "\nremote 127.0.0.1:" + std::to_string(first.port()) +
                         "\nremote :127.0.0.1:" + std::to_string(second.port()) + "\n");
    check_same_answers(stub);
}

TEST_CASE("shards: two of them through xapian-progsrv (as over ssh)") {
    const auto& s = sharded();
    std::string stub = (s.dir.path / "prog.stub").string();
    write_file(stub, "auto " + s.shard[0] + "\nremote xapian-progsrv " + s.shard[1] +
                         "\nremote :xapian-progsrv " + s.shard[2] + "\n");
    check_same_answers(stub);
}

TEST_CASE("shards: linking again changes nothing") {
    auto r = run("minutes-index", {"--link", sharded().local_stub, "--format", "json"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(json::parse(r.out)["link"]["relinked"] == 0);
}

TEST_CASE("shards: bad stub files and unreachable shards are clear errors") {
    e2e::TempDir dir;
    auto query = [&](const std::string& stub_text) {
        std::string stub = (dir.path / "bad.stub").string();
        write_file(stub, stub_text);
        return run("minutes-query", {"--db", stub, "search", "skola"});
    };
    auto r = query("auto shard0\nremote 127.0.0.1\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("bad.stub line 2: expected 'remote HOST:PORT'") != std::string::npos);
    r = query("flint /x\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("line 1: unknown database type 'flint'") != std::string::npos);
    r = query("# nothing\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("lists no database") != std::string::npos);
    r = query("auto " + (dir.path / "missing").string() + "\n");
    CHECK(r.status == 2);
    CHECK(r.err.find("shard " + (dir.path / "missing").string()) != std::string::npos);
    r = query("remote 127.0.0.1:1\n");  // nothing listens on port 1
    CHECK(r.status == 2);
    CHECK(r.err.find("shard remote 127.0.0.1:1") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);

    r = run("minutes-index", {"--db", sharded().local_stub, "corpus/"});
    CHECK(r.status == 2);
    CHECK(r.err.find("is a file (a stub listing several databases?)") != std::string::npos);
    std::string stub = (dir.path / "remote.stub").string();
    write_file(stub, "auto " + (dir.path / "none").string() + "\n");
    r = run("minutes-index", {"--link", stub});
    CHECK(r.status == 2);
    CHECK(r.err.find("is not a database (index it first)") != std::string::npos);
}

TEST_CASE("--compact: a smaller database that answers the same") {
    e2e::TempDir dir;
    std::string db = (dir.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, "corpus/"}).status == 0);
    auto before = run("minutes-query", {"--db", db, "--format", "json", "search", "skola"});
    auto r = run("minutes-index", {"--db", db, "--compact", "--format", "json"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    json compacted = json::parse(r.out)["compacted"];
    CHECK(compacted["bytes_after"].get<std::uint64_t>() <
          compacted["bytes_before"].get<std::uint64_t>());
    CHECK(run("minutes-query", {"--db", db, "--format", "json", "search", "skola"}).out ==
          before.out);
    CHECK(!fs::exists(db + ".compacting"));
    CHECK(!fs::exists(db + ".replaced"));
    // Still a database that updates as before.
    r = run("minutes-index", {"--db", db});
    CHECK(r.status == 0);
    CHECK(r.out.find("unchanged 5") != std::string::npos);
}

// A build from scratch with several writers (index_writer.cc: build_in_parallel) must give
// what one writer gives: the same meetings, dates, ranking and snippets.
TEST_CASE("--writers: a build by several writers answers as one writer's") {
    const auto& s = sharded();
    for (std::string writers : {"2", "3"}) {
        INFO("writers: ", writers);
        std::string db = (s.dir.path / ("writers" + writers)).string();
        auto r = run("minutes-index", {"--db", db, "--writers", writers, "--jobs", writers,
                                       "--format", "json", s.files[0], s.files[1], s.files[2]});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        CHECK(json::parse(r.out)["indexed"] == 155);
        CHECK(!fs::exists(db + ".writers"));
        CHECK(!fs::exists(db + ".rebuilding"));
        check_same_answers(db);
        // Then updated as any database: nothing to do, and --full rebuilds it the same.
        r = run("minutes-index", {"--db", db, "--format", "json"});
        CHECK(json::parse(r.out)["unchanged"] == 155);
        r = run("minutes-index", {"--db", db, "--full", "--writers", writers});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        check_same_answers(db);
    }
}

TEST_CASE("--writers: a bad file is skipped and named, the rest indexed") {
    e2e::TempDir dir;
    fs::copy(fs::path(MINUTES_SOURCE_DIR) / "corpus", dir.path / "files");
    std::ofstream(dir.path / "files" / "scan.pdf", std::ios::binary)
        << std::string("%PDF\0\1\2", 7);
    std::string db = (dir.path / "db").string();
    // Left by a parallel build that was killed: cleared, not merged.
    fs::create_directories(db + ".writers/0");
    auto r = run("minutes-index",
                 {"--db", db, "--writers", "2", "--format", "json", (dir.path / "files").string()});
    CHECK(r.status == 1);
    json summary = json::parse(r.out);
    CHECK(summary["indexed"] == 5);
    REQUIRE(summary["skipped_files"].size() == 1);
    CHECK(summary["skipped_files"][0]["file"].get<std::string>().find("scan.pdf") !=
          std::string::npos);
    CHECK(!fs::exists(db + ".writers"));
    r = run("minutes-query", {"--db", db, "--format", "json", "search", "Anneroskolan"});
    CHECK(r.status == 0);

    r = run("minutes-index", {"--db", db, "--writers", "300", "corpus/"});
    CHECK(r.status == 2);
    CHECK(r.err == "minutes-index: error: --writers must be between 0 and 256\n");
}

// The indexer stores which documents share a meeting (search_rank.cc), so that a search
// need not read every meeting id; a search must count the same without it.
TEST_CASE("search: the stored meetings of copies count as reading every meeting id") {
    const auto& s = sharded();
    std::string stored = s.one;
    {
        Xapian::Database db(stored);
        std::string blob = db.get_metadata("minutes:shared-meetings");
        REQUIRE(blob.find('\n') != std::string::npos);
        CHECK(blob.substr(0, blob.find('\n')) == std::to_string(db.get_revision()));
        CHECK(blob.size() > 1 + 8 * 10);  // copies of some meetings
    }
    std::string without = (s.dir.path / "without-stored").string();
    fs::copy(stored, without);
    {
        Xapian::WritableDatabase db(without, Xapian::DB_OPEN);
        db.set_metadata("minutes:shared-meetings", "");
        db.commit();
    }
    for (std::string q : {"skola", "möte", "ledningsgrupp*", "date:2010..2030"}) {
        INFO("query: ", q);
        auto a = run("minutes-query", {"--db", stored, "--format", "json", "search", q});
        auto b = run("minutes-query", {"--db", without, "--format", "json", "search", q});
        CHECK(a.status == 0);
        CHECK(a.out == b.out);
        auto all = run("minutes-query",
                       {"--db", stored, "--format", "json", "search", "--all-duplicates", q});
        CHECK(json::parse(a.out)["total"].get<int>() < json::parse(all.out)["total"].get<int>());
    }
}
