// End to end: minutes-index on corpus/, then minutes-query search, as a user runs them.
#include <doctest/doctest.h>

#include "cli.hh"

using e2e::run;

namespace {

e2e::Run query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", e2e::corpus_db()});
    return run("minutes-query", args);
}

// Which corpus documents (by number) a query finds, every copy listed.
std::set<std::string> found(const std::string& q) {
    auto r = query({"--format", "json", "--all-duplicates", "--limit", "100", "search", q});
    INFO("query: ", q, "\nstderr: ", r.err);
    REQUIRE((r.status == 0 || r.status == 1));
    std::set<std::string> files;
    auto json = e2e::parse_json(r.out);
    for (const auto& hit : json["results"])
        files.insert(e2e::short_name(hit["file"].get<std::string>()));
    CHECK((r.status == 0) == !files.empty());
    return files;
}

using Files = std::set<std::string>;

}  // namespace

TEST_CASE("search: query -> files on corpus/") {
    struct Case {
        std::string query;
        Files files;
    };
    const std::vector<Case> cases = {
        {"Anneroskolan", {"000", "001"}},
        {"anneroskolan", {"000", "001"}},
        {"H22", {"002", "004"}},
        {"h22", {"002", "004"}},
        {"\"samverkan för bästa skola\"", {"003", "004"}},
        {"samverkan för bästa skola", {"003", "004"}},
        {"23/24", {"003"}},
        {"2019-09-17", {"004"}},
        {"Vp-arbetet", {"000", "001", "002", "003"}},  // 002: "VP arbetet"
        {"vp-uppdrag", {"000", "001", "002", "003"}},
        {"IMTEC", {"004"}},
        {"Anneroskolan OR IMTEC", {"000", "001", "004"}},
        {"H22 -IMTEC", {"002"}},
        {"H22 NOT IMTEC", {"002"}},
        {"(IMTEC OR CESD) AND konferensen", {"003", "004"}},
        {"matematik*", {"004"}},
        {"Susanne NOT Fras", {}},
        {"Susanne Fras", {"001", "003", "004"}},
        {"kvalitetsrapporterna", {"004"}},
        {"ordsomintefinns", {}},
        {"date:2019", {"004"}},
        {"datum:2019-09", {"004"}},
        {"date:2019-09-17", {"004"}},
        {"date:2019-09-18", {}},
        {"date:2019..2022", {"000", "001", "004"}},  // 000: the date of its copy 001
        {"date:2022-09..2022-12", {"000", "001"}},
        {"date:2022..", {"000", "001"}},
        {"date:..2021", {"004"}},
        {"H22 date:2019", {"004"}},
        {"Tony date:2022", {"000", "001"}},
    };
    for (const auto& c : cases) {
        INFO("query: ", c.query);
        CHECK(found(c.query) == c.files);
    }
}

TEST_CASE("search: Swedish stemming finds inflections") {
    // Every document with verksamhetsplanen or verksamhetsplanens (and the word itself).
    CHECK(found("verksamhetsplan") == Files{"000", "001", "002", "003", "004"});
    CHECK(found("verksamhetsplanens") == Files{"000", "001", "002", "003", "004"});
    CHECK(found("kursplanerna") == Files{"000", "001"});
}

TEST_CASE("search: a word absent from the archive exits 1") {
    auto r = query({"search", "ordsomintefinns"});
    CHECK(r.status == 1);
    CHECK(r.err.empty());
    CHECK(r.out.find("0 of 0 matches") != std::string::npos);
}

TEST_CASE("search: JSON has the contract's fields") {
    auto r = query({"--format", "json", "search", "Anneroskolan"});
    REQUIRE(r.status == 0);
    auto j = e2e::parse_json(r.out);
    CHECK(j["query"] == "Anneroskolan");
    CHECK(j["total"].is_number_integer());
    REQUIRE(j["results"].is_array());
    REQUIRE(!j["results"].empty());
    for (const auto& hit : j["results"]) {
        for (const char* key :
             {"rank", "score", "meeting", "date", "title", "file", "snippet", "duplicates"})
            CHECK_MESSAGE(hit.contains(key), key);
        CHECK(hit["rank"].is_number_integer());
        CHECK(hit["score"].is_number());
        CHECK(hit["meeting"].get<std::string>().rfind("m-", 0) == 0);
        CHECK(hit["file"].get<std::string>().rfind("corpus/", 0) == 0);
        CHECK(hit["snippet"].get<std::string>().find("**Anneroskolan**") != std::string::npos);
        CHECK(hit["duplicates"].is_array());
    }
    CHECK(j["results"][0]["rank"] == 1);
}

TEST_CASE("search: --limit and --offset page through results") {
    auto all =
        e2e::parse_json(query({"--format", "json", "--all-duplicates", "search", "och"}).out);
    auto page = e2e::parse_json(query({"--format", "json", "--all-duplicates", "--limit", "2",
                                       "--offset", "1", "search", "och"})
                                    .out);
    REQUIRE(all["results"].size() == 5);
    REQUIRE(page["results"].size() == 2);
    CHECK(page["total"] == 5);
    CHECK(page["results"][0]["file"] == all["results"][1]["file"]);
    CHECK(page["results"][1]["file"] == all["results"][2]["file"]);
    CHECK(page["results"][0]["rank"] == 2);
}

TEST_CASE("search: total is exact whatever the page size") {
    for (const char* limit : {"1", "2", "100"}) {
        auto j = e2e::parse_json(
            query({"--format", "json", "--limit", limit, "search", "läroplan"}).out);
        CHECK(j["total"] == 2);  // 000 and 001 are one meeting, and 002
        CHECK_FALSE(j.contains("total_is_estimate"));
    }
}

TEST_CASE("search: CSV has a header and one quoted row per result") {
    auto r = query({"--format", "csv", "--all-duplicates", "search", "H22"});
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("rank,score,meeting,date,title,file,snippet,duplicates\r\n", 0) == 0);
    std::size_t rows = 0;
    for (std::size_t pos = 0; (pos = r.out.find("\r\n", pos)) != std::string::npos; pos += 2)
        ++rows;
    CHECK(rows == 3);
}

TEST_CASE("search: NDJSON prints one object per line") {
    auto r = query({"--format", "ndjson", "--all-duplicates", "search", "H22"});
    REQUIRE(r.status == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::set<std::string> files;
    while (std::getline(lines, line))
        files.insert(e2e::short_name(e2e::parse_json(line)["file"]));
    CHECK(files == Files{"002", "004"});
}

TEST_CASE("search: text output highlights matches and shows files") {
    auto plain = query({"--color", "never", "search", "IMTEC"});
    CHECK(plain.status == 0);
    CHECK(plain.out.find("corpus/004_910fb972986649f5.txt") != std::string::npos);
    CHECK(plain.out.find("**IMTEC**") != std::string::npos);
    CHECK(plain.out.find("\033[") == std::string::npos);
    auto coloured = query({"--color", "always", "search", "IMTEC"});
    CHECK(coloured.out.find("\033[1;33mIMTEC\033[0m") != std::string::npos);
}

TEST_CASE("search: malformed queries are errors with exit 2") {
    for (std::string q : {"\"unbalanced", "AND", "H22 AND", "AND H22", "OR", "H22 OR", "(H22",
                          "H22)", "NOT", "date:20x2", "date:2022-13", "participant:", "•"}) {
        INFO("query: ", q);
        auto r = query({"search", q});
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("minutes-query: error: ", 0) == 0);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
}

TEST_CASE("search: usage errors exit 2 with one line") {
    for (std::vector<std::string> args :
         std::vector<std::vector<std::string>>{{"search"},
                                               {"nosuchcommand", "x"},
                                               {"--format", "xml", "search", "H22"},
                                               {"--limit", "many", "search", "H22"},
                                               {"--nosuchoption", "search", "H22"},
                                               {"--from", "yesterday", "search", "H22"}}) {
        auto r = query(args);
        CHECK(r.status == 2);
        CHECK(r.err.rfind("minutes-query: error: ", 0) == 0);
    }
    auto missing = run("minutes-query", {"--db", "/nonexistent/db", "search", "H22"});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("/nonexistent/db") != std::string::npos);
}

TEST_CASE("search: --help and --version") {
    auto help = run("minutes-query", {"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("Usage: minutes-query") != std::string::npos);
    CHECK(help.out.find("Example") != std::string::npos);
    auto version = run("minutes-query", {"--version"});
    CHECK(version.status == 0);
    CHECK(version.out.rfind("minutes-query ", 0) == 0);
}

TEST_CASE("search: --from and --to limit by meeting date") {
    auto files = [](std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json", "--all-duplicates"});
        std::set<std::string> found;
        auto r = query(args);
        INFO("stderr: ", r.err);
        REQUIRE(r.status != 2);
        nlohmann::json j = e2e::parse_json(r.out);
        for (const auto& hit : j["results"])
            found.insert(e2e::short_name(hit["file"]));
        return found;
    };
    CHECK(files({"--from", "2022", "search", "Fras"}) == Files{"001"});
    CHECK(files({"--to", "2019-12", "search", "Fras"}) == Files{"004"});
    CHECK(files({"--from", "2019-09-18", "--to", "2022-10-10", "search", "Fras"}).empty());
}

TEST_CASE("search: --threads changes nothing in the results; out of range is an error") {
    for (std::string q : {"skola", "\"Pedagogiskt center\"", "H22 OR läroplan"}) {
        INFO("query: ", q);
        auto one = query({"--format", "json", "--threads", "1", "search", q});
        auto four = query({"--format", "json", "--threads", "4", "search", q});
        CHECK(one.status == 0);
        CHECK(four.out == one.out);
    }
    auto bad = query({"--threads", "65", "search", "skola"});
    CHECK(bad.status == 2);
    CHECK(bad.err == "minutes-query: error: --threads must be between 0 and 64\n");
}
