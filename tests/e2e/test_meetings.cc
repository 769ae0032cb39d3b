// End to end: meetings as data on corpus/ — the meeting, attended, people and meetings
// commands, and the person fields of search.
#include <doctest/doctest.h>

#include "cli.hh"

using e2e::run;
using nlohmann::json;
using Names = std::vector<std::string>;

namespace {

e2e::Run query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", e2e::corpus_db()});
    return run("minutes-query", args);
}

json query_json(std::vector<std::string> args, int status = 0) {
    args.insert(args.begin(), {"--format", "json"});
    auto r = query(args);
    INFO("stderr: ", r.err);
    REQUIRE(r.status == status);
    return e2e::parse_json(r.out);
}

Names short_names(const json& files) {
    Names names;
    for (const auto& f : files)
        names.push_back(e2e::short_name(f));
    return names;
}

const json* person(const json& people, const std::string& name) {
    for (const auto& p : people["people"])
        if (p["name"] == name) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("meeting: 2022-10-11 by date") {
    json m = query_json({"meeting", "2022-10-11"});
    REQUIRE(m.is_object());
    CHECK(m["date"] == "2022-10-11");
    CHECK(m["date_source"] == "text");
    CHECK(m["time"] == json{{"start", "12.00"}, {"end", "16.00"}});
    CHECK(short_names(m["files"]) == Names{"000", "001"});  // the clean and the OCR'd copy
    CHECK(m["groups"]["Ledningsgruppen"].get<Names>() ==
          Names{"Tony Mufic", "Mats Nilsson", "Dennis Hjelmstrom", "Agneta Gullstrand",
                "Maria Boman Hansson", "Annette Holm Persson", "Peter Abrahamsson", "Lila Ericsson",
                "Lolita Nilsson", "Susanne Fras", "Thomas Karlegatt", "Eva Koltai Arthursson"});
    CHECK(m["groups"]["Styrgruppen"].get<Names>() ==
          Names{"Maria Holm", "Birgitta Forssman", "Elisabeth Svenningsson"});
    CHECK(m["group_times"]["Styrgruppen"] == json{{"start", "14.00"}, {"end", "16.00"}});
    CHECK(m["attended"].size() == 15);
    CHECK(m["absent"].get<Names>() == Names{"Karin Gerken", "Marie Krantz"});
    CHECK(m["secretary"] == "Marie Krantz");
    CHECK(m["topics"].get<Names>() == Names{"Aterkoppling fran verksamhetsmoten", "Kort, kort",
                                            "Verksamhetsplan: uppféljning, uppdrag, analys"});
    CHECK(m["partial"].empty());
}

TEST_CASE("meeting: 003 by path has 16 members, two partial attendees and no date") {
    json m = query_json({"meeting", "corpus/003_6a9f0e533517f638.txt"});
    CHECK(m["date"].is_null());
    CHECK(m["date_source"].is_null());
    CHECK(m["groups"]["Ledningsgruppen"].size() + m["groups"]["Styrgruppen"].size() == 16);
    CHECK(m["partial"] == json::parse(R"([
        {"name": "Cecilia Wickenberg Rosengren", "note": "deltog via Teams"},
        {"name": "Charlotte Erngren", "note": "deltog 13-15.00"}])"));
    CHECK(m["attended"].size() == 18);
    CHECK(m["attended"].back() == "Charlotte Erngren");
    CHECK(m["absent"].empty());
    // The same meeting by its id, and by ./path.
    CHECK(query_json({"meeting", m["meeting"]})["meeting"] == m["meeting"]);
    CHECK(query_json({"meeting", "./corpus/003_6a9f0e533517f638.txt"})["meeting"] == m["meeting"]);
}

TEST_CASE("meeting: 004 by base name: date from a page header, 15 responsibilities") {
    json m = query_json({"meeting", "004_910fb972986649f5.txt"});
    CHECK(m["date"] == "2019-09-17");
    CHECK(m["secretary"] == "Marie Krantz");
    REQUIRE(m["responsibilities"].size() == 15);
    std::vector<Names> people;
    for (const auto& r : m["responsibilities"])
        people.push_back(r["people"].get<Names>());
    CHECK(people == std::vector<Names>{{"Susanne Fras", "Christian Olsson"},
                                       {"Susanne Fras"},
                                       {"Thomas Karlegatt"},
                                       {"Matz Ingvarsson"},
                                       {"SFF:s Styrgrupp för H22", "Matz Ingvarson"},
                                       {"Peter Abrahamsson"},
                                       {"Thomas Karlegatt"},
                                       {"Christian Olsson"},
                                       {"Anci Cederquist", "Peter Abrahamsson"},
                                       {"Elisabeth", "Matz Ingvarsson"},
                                       {"Alla verksamhetschefer"},
                                       {"Thomas Karlegatt"},
                                       {"Christian Olsson"},
                                       {"Peter Abrahamsson"},
                                       {"Maria Holm", "Susanne Fras"}});
    CHECK(m["responsibilities"][0]["task"].get<std::string>().rfind("Verksamhetscheferna", 0) == 0);
}

TEST_CASE("meeting: bad and unknown references") {
    auto bad = query({"meeting", "2022-13-45"});
    CHECK(bad.status == 2);
    CHECK(bad.err == "minutes-query: error: '2022-13-45' is not a real date\n");
    auto none = query({"meeting", "corpus/999.txt"});
    CHECK(none.status == 1);
    CHECK(none.err == "minutes-query: no meeting found for 'corpus/999.txt'\n");
    CHECK(query({"meeting", "1999-01-01"}).status == 1);
    CHECK(query({"meeting"}).status == 2);
    // Several meetings: a JSON list.
    json two = query_json({"meeting", "2022-10-11", "2019-09-17"});
    REQUIRE(two.is_array());
    CHECK(two.size() == 2);
}

TEST_CASE("attended: spelling variants fold into one person") {
    for (std::string name : {"Lolitha Nilsson", "Lolita Nilsson", "lolitha nilsson"}) {
        INFO("name: ", name);
        json j = query_json({"attended", name});
        CHECK(j["person"] == "Lolita Nilsson");
        CHECK(j["variants"].get<Names>() == Names{"Lolitha Nilsson"});
        REQUIRE(j["meetings"].size() == 2);
        CHECK(short_names(j["meetings"][0]["files"]) == Names{"000", "001"});
        CHECK(j["meetings"][0]["date"] == "2022-10-11");
        CHECK(j["meetings"][0]["role"] == "Ledningsgruppen");
        CHECK(short_names(j["meetings"][1]["files"]) == Names{"003"});
        CHECK(j["meetings"][1]["date"].is_null());
    }
    json partial = query_json({"attended", "Cecilia Wickenberg Rosengren"});
    REQUIRE(partial["meetings"].size() == 1);
    CHECK(partial["meetings"][0]["role"] == "partial");
    CHECK(partial["meetings"][0]["note"] == "deltog via Teams");
    // Absent from 001, secretary elsewhere: the secretary attends when not absent.
    json krantz = query_json({"attended", "Marie Krantz"});
    Names files;
    for (const auto& m : krantz["meetings"])
        files.push_back(short_names(m["files"]).front());
    CHECK(files == Names{"004", "002"});
    auto nobody = query({"attended", "Nobody", "Here"});
    CHECK(nobody.status == 1);
    CHECK(nobody.err == "minutes-query: no one named 'Nobody Here' in the archive\n");
}

TEST_CASE("search: person fields find every spelling of the person") {
    auto files = [](const std::string& q) {
        json j = query_json({"--all-duplicates", "search", q});
        std::set<std::string> found;
        for (const auto& hit : j["results"])
            found.insert(e2e::short_name(hit["file"]));
        return found;
    };
    using Files = std::set<std::string>;
    CHECK(files("participant:\"Susanne Fras\"") == Files{"001", "003"});
    CHECK(files("participant:\"Lolita Nilsson\"") == Files{"001", "003"});
    CHECK(files("deltagare:\"lolitha nilsson\"") == Files{"001", "003"});
    CHECK(files("responsible:\"Matz Ingvarsson\"") == Files{"004"});
    CHECK(files("absent:\"Karin Gerken\"") == Files{"001"});
    CHECK(files("secretary:\"Marie Krantz\"") == Files{"001", "002", "004"});
    CHECK(files("H22 date:2019") == Files{"004"});
}

TEST_CASE("people: one entry a person, never merging different people") {
    json j = query_json({"people"});
    const json* lolitha = person(j, "Lolita Nilsson");
    REQUIRE(lolitha);
    CHECK((*lolitha)["variants"].get<Names>() == Names{"Lolitha Nilsson"});
    CHECK((*lolitha)["meetings"] == 2);
    CHECK(person(j, "Lolitha Nilsson") == nullptr);
    CHECK(person(j, "Mats Nilsson"));
    CHECK(person(j, "Maria Holm"));
    CHECK(person(j, "Annette Holm Persson"));
    const json* krantz = person(j, "Marie Krantz");
    REQUIRE(krantz);
    CHECK((*krantz)["secretary"] == 3);
    CHECK((*krantz)["absent"] == 1);
    CHECK((*krantz)["attended"] == 0);
    const json* matz = person(j, "Matz Ingvarson");
    REQUIRE(matz);
    CHECK((*matz)["variants"].get<Names>() == Names{"Matz Ingvarsson"});
    CHECK((*matz)["responsible"] == 1);

    auto csv = query({"--format", "csv", "people"});
    CHECK(csv.out.rfind("name,variants,meetings,attended,absent,secretary,responsible\r\n", 0) ==
          0);
    CHECK(csv.out.find("\r\nLolita Nilsson,Lolitha Nilsson,2,2,0,0,0\r\n") != std::string::npos);
    CHECK(query({"people", "extra"}).status == 2);
}

TEST_CASE("meetings: every meeting in date order, undated last, with --from/--to") {
    json j = query_json({"meetings"});
    Names dates;
    for (const auto& m : j["meetings"])
        dates.push_back(m["date"].is_null() ? "null" : m["date"].get<std::string>());
    CHECK(dates == Names{"2019-09-17", "2022-10-11", "null", "null"});
    std::vector<Names> files;
    for (const auto& m : j["meetings"])
        files.push_back(short_names(m["files"]));
    CHECK(files == std::vector<Names>{{"004"}, {"000", "001"}, {"002"}, {"003"}});
    CHECK(j["meetings"][1]["participants"] == 15);

    json y2022 = query_json({"meetings", "--from", "2022", "--to", "2022-12"});
    REQUIRE(y2022["meetings"].size() == 1);
    CHECK(y2022["meetings"][0]["date"] == "2022-10-11");
    auto none = query({"--format", "ndjson", "meetings", "--from", "2030"});
    CHECK(none.status == 1);
    CHECK(none.out.empty());
    auto nd = query({"--format", "ndjson", "meetings", "--to", "2019"});
    CHECK(nd.out.find('\n') == nd.out.size() - 1);
    CHECK(e2e::parse_json(nd.out)["date"] == "2019-09-17");
    CHECK(query({"meetings", "--from", "2022-02-30"}).status == 2);
}

TEST_CASE("copies: 000 and 001 are one meeting, merged; no other pair is") {
    json m = query_json({"meeting", "corpus/000_a6c04c5ced037bda.txt"});
    CHECK(m["date"] == "2022-10-11");
    CHECK(m["date_source"] == "duplicate");  // 000 has no date; its OCR'd copy 001 has
    CHECK(m["attended"].size() == 15);       // and the attendance
    CHECK(m["title"] == "Återkoppling från verksamhetsmöten");
    CHECK(query_json({"meeting", "corpus/001_0585aeec550ae778.txt"})["date_source"] == "text");

    // One hit per meeting, shown through the copy with the fewest OCR errors.
    json hits = query_json({"search", "Anneroskolan"});
    REQUIRE(hits["results"].size() == 1);
    CHECK(e2e::short_name(hits["results"][0]["file"]) == "000");
    CHECK(short_names(hits["results"][0]["duplicates"]) == Names{"001"});
    CHECK(hits["results"][0]["date"] == "2022-10-11");
    CHECK(hits["results"][0]["snippet"].get<std::string>().find("pågår") != std::string::npos);
    json all = query_json({"--all-duplicates", "search", "Anneroskolan"});
    CHECK(all["results"].size() == 2);
    CHECK(all["results"][0]["meeting"] == all["results"][1]["meeting"]);
    // Mentions list each copy, dated, with the same meeting id.
    json mentions = query_json({"mentions", "Anneroskolan"});
    REQUIRE(mentions["documents"].size() == 2);
    CHECK(mentions["documents"][0]["meeting"] == mentions["documents"][1]["meeting"]);
    CHECK(mentions["documents"][0]["date"] == "2022-10-11");
    CHECK(mentions["documents"][1]["date"] == "2022-10-11");
}
