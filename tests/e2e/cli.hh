// Runs the real programs for end-to-end tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

namespace e2e {

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A fresh temporary folder, removed at exit of the test binary's scope object.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "minutes-e2e-XXXXXX").string();
        path = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path, ec);
    }
};

// Runs a shell command line from the source folder.
inline Run shell(const std::string& command) {
    static TempDir scratch;
    std::string err_file = (scratch.path / "stderr").string();
    std::string cmd = "cd " + quote(MINUTES_SOURCE_DIR) + " && " + command + " 2>" +
                      quote(err_file) + " </dev/null";
    Run r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return {-1, "", std::string("popen failed: ") + std::strerror(errno)};
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
        r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err_file);
    return r;
}

// Runs a program from build/bin with arguments, from the source folder.
inline Run run(const std::string& program, const std::vector<std::string>& args) {
    std::string cmd = quote(std::string(MINUTES_BIN_DIR) + "/" + program);
    for (const auto& a : args)
        cmd += " " + quote(a);
    return shell(cmd);
}

// corpus/ indexed once per test process; the database path.
inline const std::string& corpus_db() {
    static TempDir dir;
    static std::string db = [] {
        std::string path = (dir.path / "db").string();
        auto r = run("minutes-index", {"--db", path, "corpus/"});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        return path;
    }();
    return db;
}

// Every document as file -> its terms (with wdf and positions) and values.
inline std::map<std::string, std::string> dump_index(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::string> docs;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::string out;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            out += *t + " " + std::to_string(t.get_wdf()) + ":";
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
                out += " " + std::to_string(*p);
            out += "\n";
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            out += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
        docs[doc.get_value(3)] = out;
    }
    return docs;
}

inline nlohmann::json parse_json(const std::string& text) {
    return nlohmann::json::parse(text);
}

// The three-digit prefixes of corpus file names ("003" for corpus/003_6a9f....txt).
inline std::string short_name(const std::string& file) {
    // "corpus/001_0585aeec550ae778.txt" -> "001", "tests/data/messy/ocr.txt" -> "ocr"
    auto base = std::filesystem::path(file).stem().string();
    return base.substr(0, base.find('_'));
}

}  // namespace e2e

namespace doctest {
template <>
struct StringMaker<std::set<std::string>> {
    static String convert(const std::set<std::string>& values) {
        std::string s = "{";
        for (const auto& v : values)
            s += (s.size() > 1 ? ", " : "") + v;
        return (s + "}").c_str();
    }
};
}  // namespace doctest
