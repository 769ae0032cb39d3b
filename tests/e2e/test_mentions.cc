// End to end: every mention, for reports (the mentions command and scripts/mentions-per-year).
#include <doctest/doctest.h>

#include <map>

#include "cli.hh"

using e2e::run;
using nlohmann::json;

namespace {

e2e::Run query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", e2e::corpus_db()});
    return run("minutes-query", args);
}

json mentions_json(std::vector<std::string> args, int status = 0) {
    args.insert(args.begin(), {"--format", "json", "mentions"});
    auto r = query(args);
    INFO("stderr: ", r.err);
    REQUIRE(r.status == status);
    return e2e::parse_json(r.out);
}

// "file:line" of every hit, in output order.
std::vector<std::string> places(const json& j) {
    std::vector<std::string> out;
    for (const auto& d : j["documents"])
        for (const auto& h : d["hits"])
            out.push_back(e2e::short_name(d["file"]) + ":" + std::to_string(h["line"].get<int>()));
    return out;
}

std::vector<std::string> lines_of(const std::string& text, const std::string& end = "\n") {
    std::vector<std::string> lines;
    std::size_t start = 0, at;
    while ((at = text.find(end, start)) != std::string::npos) {
        lines.push_back(text.substr(start, at - start));
        start = at + end.size();
    }
    return lines;
}

}  // namespace

TEST_CASE("mentions: H22 is 8 mentions, 3 in 004 and 5 in 002, dated first, with lines") {
    json j = mentions_json({"H22"});
    CHECK(j["terms"] == json{"H22"});
    CHECK(j["total_mentions"] == 8);
    REQUIRE(j["documents"].size() == 2);
    CHECK(j["documents"][0]["date"] == "2019-09-17");
    CHECK(j["documents"][0]["count"] == 3);
    CHECK(j["documents"][1]["date"].is_null());
    CHECK(j["documents"][1]["count"] == 5);
    CHECK(places(j) == std::vector<std::string>{"004:8", "004:69", "004:72", "002:75", "002:113",
                                                "002:116", "002:119", "002:119"});
    const json& hit = j["documents"][0]["hits"][2];
    CHECK(hit["text"] == "Ansvar: SFF:s Styrgrupp för H22 där Matz Ingvarson ingår");
    CHECK(hit["form"] == "H22");
    CHECK(hit["match"] == "exact");
    CHECK(j["documents"][0]["meeting"].get<std::string>().rfind("m-", 0) == 0);
}

TEST_CASE("mentions: the forms search finds, each hit naming its form") {
    json j = mentions_json({"återkoppling"});
    std::map<std::string, std::string> match_of_form;
    for (const auto& d : j["documents"])
        for (const auto& h : d["hits"])
            match_of_form[h["form"]] = h["match"];
    CHECK(match_of_form["Återkoppling"] == "exact");
    CHECK(match_of_form["Aterkoppling"] == "variant");  // 001, OCR'd
    CHECK(match_of_form["återkoppling"] == "exact");

    json vp = mentions_json({"vp-uppdrag"});
    CHECK(vp["total_mentions"] == 12);
    std::set<std::string> forms;
    for (const auto& d : vp["documents"])
        for (const auto& h : d["hits"])
            forms.insert(h["form"]);
    CHECK(forms == std::set<std::string>{"vp-uppdrag", "Vp-uppdragen", "vp-uppdragen", "VP uppdrag",
                                         "VP-uppdrag", "VP-uppdragen"});

    json annero = mentions_json({"Annero"});
    CHECK(places(annero) == std::vector<std::string>{"000:30", "000:31", "001:52", "001:54"});
    CHECK(annero["documents"][0]["hits"][1]["form"] == "Anneroskolan");
    CHECK(annero["documents"][0]["hits"][1]["match"] == "compound");
}

TEST_CASE("mentions: --exact counts the literal word as grep -oiw does") {
    // Counted with: grep -oiw WORD corpus/* | wc -l
    const std::map<std::string, int> grep_counts{
        {"H22", 8},   {"Anneroskolan", 2}, {"IMTEC", 3},       {"verksamhetsplan", 5}, {"skola", 4},
        {"och", 139}, {"VP", 29},          {"Styrgruppen", 9}, {"uppdrag", 34}};
    for (const auto& [word, count] : grep_counts) {
        INFO("word: ", word);
        CHECK(mentions_json({"--exact", word})["total_mentions"] == count);
    }
    CHECK(mentions_json({"återkoppling"})["total_mentions"] == 9);
    CHECK(mentions_json({"--exact", "återkoppling"})["total_mentions"] == 7);  // as grep
}

TEST_CASE("mentions: a word hyphenated over a line break, at the line where it starts") {
    e2e::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, "tests/data/messy/hyphen.txt"}).status == 0);
    auto r = run("minutes-query",
                 {"--db", db, "--format", "ndjson", "mentions", "verksamhetsdialog", "Vp-arbetet"});
    auto rows = lines_of(r.out);
    REQUIRE(rows.size() == 2);
    json first = e2e::parse_json(rows[0]), second = e2e::parse_json(rows[1]);
    CHECK(first["line"] == 1);
    CHECK(first["form"] == "verksamhetsdialoger");
    CHECK(first["text"] == "Uppdraget följs upp i verk-");
    CHECK(second["line"] == 2);
    CHECK(second["form"] == "Vp-arbetet");
}

TEST_CASE("mentions: several terms, filters and dates") {
    json two = mentions_json({"H22", "IMTEC"});
    CHECK(two["total_mentions"] == 11);
    CHECK(two["documents"][0]["counts"] == json{{"H22", 3}, {"IMTEC", 3}});
    // participant:"Susanne Fras" as the shell passes it, without the quotes.
    json fras = mentions_json({"Fras", "participant:Susanne Fras"});
    std::set<std::string> files;
    for (const auto& d : fras["documents"])
        files.insert(e2e::short_name(d["file"]));
    CHECK(files == std::set<std::string>{"001", "003"});
    CHECK(mentions_json({"H22", "date:2019"})["total_mentions"] == 3);
    CHECK(mentions_json({"--from", "2020", "H22"}, 1)["total_mentions"] == 0);
    CHECK(mentions_json({"ordsomintefinns"}, 1)["documents"].empty());
}

TEST_CASE("mentions: bad input") {
    auto none = query({"mentions"});
    CHECK(none.status == 2);
    CHECK(none.err == "minutes-query: error: mentions: no term given\n");
    auto punct = query({"mentions", "--"});
    CHECK(punct.status == 2);
    auto bad_date = query({"mentions", "H22", "date:2019-13"});
    CHECK(bad_date.status == 2);
    CHECK(bad_date.err.find("date:") != std::string::npos);
}

TEST_CASE("mentions: NDJSON, CSV and --count parse back") {
    auto nd = query({"--format", "ndjson", "mentions", "H22"});
    auto rows = lines_of(nd.out);
    REQUIRE(rows.size() == 8);
    for (const auto& row : rows) {
        json hit = e2e::parse_json(row);
        CHECK(hit["form"] == "H22");
        CHECK(hit.contains("file"));
        CHECK(hit.contains("line"));
    }
    auto csv = query({"--format", "csv", "mentions", "H22"});
    auto csv_rows = lines_of(csv.out, "\r\n");
    REQUIRE(csv_rows.size() == 9);
    CHECK(csv_rows[0] == "file,meeting,date,line,column,term,form,match,text");
    CHECK(csv_rows[1].rfind("corpus/004_910fb972986649f5.txt,m-", 0) == 0);
    CHECK(csv_rows[1].find(",2019-09-17,8,39,H22,H22,exact,") != std::string::npos);
    // Two mentions on one line differ by their column.
    CHECK(csv_rows[7].find(",119,7,H22,") != std::string::npos);
    CHECK(csv_rows[8].find(",119,35,H22,") != std::string::npos);
    auto counts = query({"--format", "csv", "mentions", "--count", "H22", "IMTEC"});
    auto count_rows = lines_of(counts.out, "\r\n");
    REQUIRE(count_rows.size() == 3);
    CHECK(count_rows[0] == "file,meeting,date,count,H22,IMTEC");
    CHECK(count_rows[2].rfind("corpus/002_2cecb246cc5f6634.txt,m-", 0) == 0);
    CHECK(count_rows[2].find(",,5,5,0") != std::string::npos);
    auto text = query({"--color", "never", "mentions", "--count", "H22"});
    CHECK(text.out.find("8 mentions in 2 documents") != std::string::npos);
}

TEST_CASE("mentions: scripts/mentions-per-year makes a table per year from the output") {
    auto r =
        e2e::shell("MINUTES_QUERY=" + e2e::quote(std::string(MINUTES_BIN_DIR) + "/minutes-query") +
                   " scripts/mentions-per-year --db " + e2e::quote(e2e::corpus_db()) +
                   " --csv H22 IMTEC Anneroskolan");
    CHECK(r.status == 0);
    CHECK(r.out ==
          "year,H22,IMTEC,Anneroskolan\r\n2019,3,3,0\r\n2022,0,0,2\r\nundated,5,0,0\r\n"
          "total,8,3,2\r\n");
}
