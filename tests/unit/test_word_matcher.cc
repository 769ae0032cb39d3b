// WordMatcher: the words a query word matches in mentions, and what a line must hold to
// hold one (its accepted terms), compounds in their linking forms included.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "lexicon.hh"
#include "temp_dir.hh"
#include "terms.hh"
#include "vocabulary.hh"

using namespace minutes;

namespace {

// An archive of one document per word, with its vocabulary (which Xapian's in-memory
// backend cannot list).
Xapian::WritableDatabase archive_of(const TempDir& dir, const std::vector<std::string>& words) {
    Xapian::WritableDatabase db((dir.path / "db").string());
    VocabularyWriter vocabulary(default_analyzer());
    for (const auto& word : words) {
        Xapian::Document doc;
        doc.add_posting(word, 1);
        vocabulary.add_words_of(db, doc);
        db.add_document(doc);
    }
    db.commit();
    return db;
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
}

// An archive of "gymnasium", three of its compounds and another word, and the matcher of
// "gymnasium" over it, listing at most `limits.max_forms` forms.
struct GymnasiumArchive {
    TempDir dir;
    Xapian::WritableDatabase db = archive_of(
        dir, {"gymnasium", "gymnasieskolan", "gymnasieprogrammet", "gymnasielärare", "simhallen"});
    WordMatcher matcher(bool literal, ExpansionLimits limits = {}) const {
        return WordMatcher(words_of("gymnasium").front(), literal,
                           WordExpansion{&db, default_analyzer(), limits});
    }
};

bool lexicon_missing() {
    if (Lexicon::shared()) return false;
    MESSAGE("hunspell-sv is not installed: skipped");
    return true;
}

}  // namespace

TEST_CASE("part_needle: what every compound of a part holds") {
    CHECK(part_needle("skola") == "skol");             // skolgården
    CHECK(part_needle("gata") == "gat");               // gatukontoret
    CHECK(part_needle("gymnasium") == "gymnasi");      // gymnasieskolan
    CHECK(part_needle("museum") == "muse");            // museibesöket
    CHECK(part_needle("förvaltning") == "förvaltni");  // "-ng" is shorter than the stem
}

TEST_CASE("WordMatcher: a compound in its linking form is matched and its line looked for") {
    if (lexicon_missing()) return;
    GymnasiumArchive archive;
    WordMatcher gymnasium = archive.matcher(false);
    CHECK(gymnasium.match("gymnasieskolan") == Match::compound);
    CHECK(gymnasium.match("gymnasielärare") == Match::compound);
    CHECK_FALSE(gymnasium.match("simhallen"));
    auto accepted = gymnasium.accepted_terms();
    CHECK(has(accepted, "gymnasium"));
    CHECK(has(accepted, "Zgymnasium"));
    CHECK(has(accepted, "gymnasieskolan"));  // listed: query() finds it by XCgymnasium
    CHECK(has(accepted, "gymnasieprogrammet"));

    WordMatcher literal = archive.matcher(true);
    CHECK(literal.accepted_terms() == std::vector<std::string>{"gymnasium"});
    CHECK_FALSE(literal.match("gymnasieskolan"));
}

TEST_CASE("WordMatcher: compounds past the forms listed are matched by the lexicon") {
    if (lexicon_missing()) return;
    GymnasiumArchive archive;
    WordMatcher gymnasium = archive.matcher(false, ExpansionLimits{1});
    for (const char* compound : {"gymnasieskolan", "gymnasieprogrammet", "gymnasielärare"})
        CHECK_MESSAGE(gymnasium.match(compound) == Match::compound, compound);
    CHECK_FALSE(gymnasium.match("simhallen"));
    CHECK_FALSE(gymnasium.match("gymnastiken"));  // holds the needle, but no part is gymnasium
    // The line filter looks for "gymnasi", which every written form of them holds.
    CHECK(has(gymnasium.accepted_terms(), "Zgymnasi"));
}
