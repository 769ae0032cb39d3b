// End to end: what users mean, found in messy text (issue: OCR and diacritic variants,
// line-break hyphens, page furniture, encodings, bullets, spelling suggestions).
#include <doctest/doctest.h>

#include "cli.hh"

using e2e::run;

namespace {

using Files = std::set<std::string>;

struct Archive {
    e2e::TempDir dir;
    std::string db = (dir.path / "db").string();
    explicit Archive(const std::vector<std::string>& roots) {
        std::vector<std::string> args{"--db", db};
        args.insert(args.end(), roots.begin(), roots.end());
        auto r = run("minutes-index", args);
        REQUIRE_MESSAGE(r.status == 0, r.err);
    }
    nlohmann::json search(const std::vector<std::string>& extra, const std::string& q) const {
        std::vector<std::string> args{"--db",    db,   "--format", "json", "--all-duplicates",
                                      "--limit", "100"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"search", q});
        auto r = run("minutes-query", args);
        INFO("query: ", q, " stderr: ", r.err);
        REQUIRE((r.status == 0 || r.status == 1));
        return e2e::parse_json(r.out);
    }
    // Base names (without .txt) of corpus or tests/data/messy files found.
    Files found(const std::string& q, const std::vector<std::string>& extra = {}) const {
        auto j = search(extra, q);
        Files files;
        for (const auto& hit : j["results"])
            files.insert(e2e::short_name(hit["file"]));
        return files;
    }
};

const Archive& archive() {
    static Archive a({"corpus/", "tests/data/messy"});
    return a;
}

}  // namespace

TEST_CASE("messy text: query -> files, one rule per row") {
    struct Case {
        std::string query;
        Files files;
        const char* rule;
    };
    const std::vector<Case> cases = {
        {"återkoppling", {"000", "001", "002", "003", "004", "cp1252", "ocr"}, "diacritics + OCR"},
        {"Aterkoppling", {"000", "001", "002", "003", "004", "cp1252", "ocr"}, "typed as OCR'd"},
        {"läroplan", {"000", "001", "002", "cp1252", "ocr"}, "OCR liroplan, laroplanen"},
        {"uppföljning", {"000", "001", "002", "004", "ocr"}, "OCR uppf6ljning, uppféljning"},
        {"tillgången", {"000", "001"}, "OCR tillgdngen"},
        {"Båstad", {"000", "001", "cp1252"}, "folded Bastad; not bästa"},
        {"ämnesplaner", {"000", "001"}, "folded amnesplaner"},
        {"Hjelmström", {"001", "ocr"}, "folded Hjelmstrom"},
        {"år",
         {"000", "002", "003", "004"},
         "inflection året; under 5 letters no variants: never är"},
        {"exact:läroplan", {"000", "002"}, "exact: turns tolerance off"},
        {"verksamhetsdialoger", {"002", "004", "hyphen"}, "line-break hyphen joined"},
        {"Vp-arbetet", {"000", "001", "002", "003", "hyphen"}, "hyphen that belongs stays"},
        {"\"samverkan för bästa skola\"",
         {"003", "004", "pagebreak"},
         "phrase across page furniture"},
        {"Berg", {"pagebreak"}, "furniture words stay findable"},
        {"Familjecentralerna", {"004", "utf16"}, "UTF-16 with BOM"},
        {"Höganäs", {"utf16"}, "UTF-16 with BOM"},
        {"Avtackning", {"000", "001", "bullets"}, "bullet glyph is not a word"},
        {"o", {}, "OCR'd bullet 'o' is not a word"},
        {"Annero", {"000", "001", "compound", "genitive"}, "name before a dictionary head"},
        {"Anneroskolan", {"000", "001", "compound", "genitive"}, "genitive Anneroskolans"},
        {"matematik", {"004"}, "compound matematikundervisningen"},
        {"skola",
         {"000", "001", "002", "003", "004", "compound", "genitive", "pagebreak"},
         "skolan, skolor, grundskolorna, gymnasieskolan, Anneroskolan"},
        {"gymnasieskola", {"004"}, "definite gymnasieskolan"},
        {"möte", {"000", "002", "003", "004", "compound", "utf16"}, "mötet; 001's Mote: 4 letters"},
        {"planering",
         {"000", "001", "002", "004", "compound", "cp1252"},
         "planeringen, verksamhetsplanering, planeringsdagen"},
        {"exact:Annero", {"000", "001"}, "exact: no compounds"},
    };
    for (const auto& c : cases) {
        INFO("query: ", c.query, " (", c.rule, ")");
        CHECK(archive().found(c.query) == c.files);
    }
    CHECK(archive().found("läroplan", {"--exact"}) == Files{"000", "002"});
}

TEST_CASE("messy text: words that merely share letters do not match") {
    // compound.txt holds "planeringen" and "Anneroskolan", genitive.txt "Anneroskolans":
    // "plan" is not a part of "planering", and "skol" is not a word.
    auto plan = archive().found("plan");
    CHECK(plan.count("compound") == 0);
    CHECK(plan.count("004") == 1);  // Tidsplan, projektplan: real compounds of plan
    auto skol = archive().found("skol");
    CHECK(skol.count("compound") == 0);
    CHECK(skol.count("genitive") == 0);
}

TEST_CASE("messy text: whole words rank above compounds") {
    auto j = archive().search({}, "Annero");
    REQUIRE(j["results"].size() == 4);
    Files first_two{e2e::short_name(j["results"][0]["file"]),
                    e2e::short_name(j["results"][1]["file"])};
    CHECK(first_two == Files{"000", "001"});
    for (const auto& hit : j["results"])
        if (e2e::short_name(hit["file"]) == "compound")
            CHECK(hit["snippet"].get<std::string>().find("**Anneroskolan**") != std::string::npos);
}

TEST_CASE("messy text: a word finds every compound it is part of, past the forms listed") {
    // 230 schools named "R<vowel><consonant>ov<vowel>skolan": more compounds of "skola" than
    // the 200 forms a query word lists (vocabulary.hh); each is found, and highlighted.
    e2e::TempDir dir;
    std::filesystem::create_directory(dir.path / "schools");
    const std::string consonants = "bdfgklmnprstv", vowels = "aeiou";
    std::set<std::string> schools;
    for (char c : consonants)
        for (char v : vowels)
            for (char w : vowels.substr(0, 4))
                if (schools.size() < 230)
                    schools.insert(std::string("R") + v + c + "ov" + w + "skolan");
    for (const auto& school : schools)
        std::ofstream(dir.path / "schools" / (school + ".txt"))
            << "Minnesanteckningar\n\nVi besökte " << school << " och talade om " << school
            << ".\n";
    std::string db = (dir.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, (dir.path / "schools").string()}).status == 0);
    auto r = run("minutes-query", {"--db", db, "--format", "json", "--all-duplicates", "--limit",
                                   "300", "search", "skola"});
    REQUIRE(r.status == 0);
    auto j = e2e::parse_json(r.out);
    CHECK(j["total"] == 230);
    std::set<std::string> found;
    for (const auto& hit : j["results"]) {
        std::string school = e2e::short_name(hit["file"]);
        found.insert(school);
        CHECK(hit["snippet"].get<std::string>().find("**" + school + "**") != std::string::npos);
    }
    CHECK(found == schools);
    auto m = run("minutes-query", {"--db", db, "--format", "json", "mentions", "skola"});
    REQUIRE(m.status == 0);
    auto mentions = e2e::parse_json(m.out);
    CHECK(mentions["total_mentions"] == 460);  // each school twice
    std::set<std::string> mentioned;
    for (const auto& doc : mentions["documents"])
        mentioned.insert(e2e::short_name(doc["file"]));
    CHECK(mentioned == schools);
}

TEST_CASE("messy text: a part in its linking form is found, highlighted and mentioned") {
    // "gymnasie-" is "gymnasium" in a compound: it does not hold the stem "gymnasium".
    e2e::TempDir dir;
    std::filesystem::create_directory(dir.path / "files");
    std::ofstream(dir.path / "files" / "gymnasie.txt")
        << "Minnesanteckningar\n\nBudgeten gicks igenom.\nVi besökte Gymnasieskolan i går.\n";
    std::ofstream(dir.path / "files" / "gymnastik.txt")
        << "Minnesanteckningar\n\nGymnastiken flyttas.\n";
    std::string db = (dir.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, (dir.path / "files").string()}).status == 0);
    auto s = run("minutes-query", {"--db", db, "--format", "json", "search", "gymnasium"});
    REQUIRE(s.status == 0);
    auto j = e2e::parse_json(s.out);
    REQUIRE(j["total"] == 1);
    CHECK(e2e::short_name(j["results"][0]["file"]) == "gymnasie");
    CHECK(j["results"][0]["snippet"].get<std::string>().find("**Gymnasieskolan**") !=
          std::string::npos);
    auto m = run("minutes-query", {"--db", db, "--format", "json", "mentions", "gymnasium"});
    REQUIRE(m.status == 0);
    auto mentions = e2e::parse_json(m.out);
    REQUIRE(mentions["total_mentions"] == 1);
    const auto& hit = mentions["documents"][0]["hits"][0];
    CHECK(hit["line"] == 4);
    CHECK(hit["form"] == "Gymnasieskolan");
    CHECK(hit["match"] == "compound");
    CHECK(hit["text"] == "Vi besökte Gymnasieskolan i går.");
}

TEST_CASE("messy text: a hyphenated word's parts in a row, whole or not, and not apart") {
    // match_all knows the phrase "vp uppdragen" holds where "vp-uppdragen" is indexed whole,
    // and reads positions only in the other files (search_matches.cc: eval_phrase).
    e2e::TempDir dir;
    std::filesystem::create_directory(dir.path / "files");
    const std::vector<std::pair<std::string, std::string>> files{
        {"whole", "Protokoll\n\nVP-uppdragen är klara.\n"},
        {"spaced", "Protokoll\n\nAlla VP uppdragen är klara.\n"},
        {"apart", "Protokoll\n\nVP och uppdragen är klara.\n"},
        {"other", "Protokoll\n\nVP-uppdragen blev försenade.\n"}};
    for (const auto& [name, text] : files)
        std::ofstream(dir.path / "files" / (name + ".txt")) << text;
    std::string db = (dir.path / "db").string();
    REQUIRE(run("minutes-index", {"--db", db, (dir.path / "files").string()}).status == 0);
    auto found = [&](const std::string& q) {
        auto r =
            run("minutes-query", {"--db", db, "--format", "json", "--all-duplicates", "search", q});
        REQUIRE((r.status == 0 || r.status == 1));
        auto j = e2e::parse_json(r.out);  // kept: a range-for over a temporary's member dangles
        Files out;
        for (const auto& hit : j["results"])
            out.insert(e2e::short_name(hit["file"]));
        return out;
    };
    CHECK(found("VP-uppdragen") == Files{"whole", "spaced", "other"});
    CHECK(found("\"vp uppdragen\"") == Files{"whole", "spaced", "other"});
    CHECK(found("\"vp uppdragen\" -försenade") == Files{"whole", "spaced"});
    CHECK(found("\"vp uppdragen\" -alla") == Files{"whole", "other"});
    CHECK(found("\"vp och uppdragen\"") == Files{"apart"});
}

TEST_CASE("messy text: exact matches rank above variants") {
    auto j = archive().search({}, "Båstad");
    REQUIRE(j["results"].size() == 3);
    CHECK(e2e::short_name(j["results"][0]["file"]) == "000");  // Båstad twice
    CHECK(j["results"][0]["snippet"].get<std::string>().find("**Båstad**") != std::string::npos);
    auto ocr = j["results"][1]["file"].get<std::string>().find("001") != std::string::npos
                   ? j["results"][1]
                   : j["results"][2];
    CHECK(ocr["snippet"].get<std::string>().find("**Bastad**") != std::string::npos);
}

TEST_CASE("messy text: snippets show joined words, not the furniture") {
    auto j = archive().search({}, "verksamhetsdialoger");
    std::string snippet;
    for (const auto& hit : j["results"])
        if (hit["file"].get<std::string>().find("hyphen.txt") != std::string::npos)
            snippet = hit["snippet"];
    CHECK(snippet.find("**verksamhetsdialoger**") != std::string::npos);
    auto p = archive().search({}, "\"samverkan för bästa skola\"");
    for (const auto& hit : p["results"])
        if (hit["file"].get<std::string>().find("pagebreak.txt") != std::string::npos)
            CHECK(hit["snippet"].get<std::string>().find("2019-09-17") == std::string::npos);
}

TEST_CASE("messy text: a query that finds nothing suggests words of the archive") {
    auto j = archive().search({}, "Anneroskolor kvalitetsraporterrna");
    CHECK(j["total"] == 0);
    CHECK(j["suggestion"] == "anneroskolan kvalitetsrapporterna");
    auto r = run("minutes-query", {"--db", archive().db, "search", "kvalitetsraporterrna"});
    CHECK(r.status == 1);
    CHECK(r.out.find("did you mean: kvalitetsrapporterna") != std::string::npos);
}
