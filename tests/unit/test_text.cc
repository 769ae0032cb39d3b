// The one text pipeline: folding and word boundaries shared by indexing and queries.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text.hh"

using namespace minutes;

TEST_CASE("text: fold_case and fold_diacritics") {
    CHECK(fold_case("ÅTERKOPPLING H22") == "återkoppling h22");
    CHECK(fold_diacritics("Återkoppling") == "aterkoppling");
    CHECK(fold_diacritics("Hjelmström Båstad Läroplan Café") == "hjelmstrom bastad laroplan cafe");
    // Letters without a one-letter base fold as ICU folds them, on either path.
    CHECK(fold_diacritics("Ærø Straße") == "ærø strasse");
    CHECK(fold_diacritics("Łódź") == "łodz");
    CHECK(fold_diacritics("×÷") == "×÷");
    CHECK(fold_diacritics("") == "");
}

TEST_CASE("text: the Latin-1 fast path folds as ICU does") {
    // Every letter of U+00C0..U+00FF, alone and next to one that takes the ICU path (ł).
    for (char32_t c = 0xC0; c <= 0xFF; ++c) {
        std::string letter{static_cast<char>(0xC3), static_cast<char>(0x80 + (c - 0xC0))};
        std::string with_icu = fold_diacritics(letter + "ł");
        INFO("code point ", static_cast<unsigned>(c));
        CHECK(fold_diacritics(letter) + "ł" == with_icu);
    }
}

TEST_CASE("text: tokenize gives words with lines and offsets") {
    std::vector<std::string> terms;
    std::vector<std::uint32_t> lines;
    tokenize("SFF:s plan\n• H22-projektet, 2019-09-17", [&](const Token& t) {
        terms.push_back(t.term);
        lines.push_back(t.line);
    });
    CHECK(terms == std::vector<std::string>{"sff", "plan", "h22", "projektet", "2019", "09", "17"});
    CHECK(lines == std::vector<std::uint32_t>{1, 1, 2, 2, 2, 2, 2});
}

TEST_CASE("text: one_line folds white space and drops PDF glyphs") {
    CHECK(one_line("  a\n\tb  \xEF\x82\xB7 c ") == "a b c");
}
