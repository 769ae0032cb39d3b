// Snippets: only the lines that can hold a query word (and a margin of lines around them)
// are tokenized, which must not change what is shown.
#include <doctest/doctest.h>

#include <string>

#include "snippet.hh"

using minutes::make_snippet;
using minutes::SnippetStyle;

namespace {

std::string snippet(const std::string& text, const Xapian::Query& query) {
    SnippetStyle style{60, "[", "]", "…"};
    auto weight = [](const std::string& term) { return term == "budget" ? 2.0 : 1.0; };
    return make_snippet(text, query, weight, style);
}

// `n` lines of filler words, none of them a query word.
std::string filler(int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += "Rad " + std::to_string(i) + " med vanliga ord om ingenting särskilt.\n";
    return out;
}

}  // namespace

TEST_CASE("snippet: a word far into the text, with text left out on both sides") {
    std::string text = filler(40) + "Rektorn tog upp Anneroskolan och lokalerna.\n" + filler(40);
    CHECK(snippet(text, Xapian::Query("anneroskolan")) ==
          "…ord om ingenting särskilt.\nRektorn tog upp [Anneroskolan] och…");
}

TEST_CASE("snippet: a word on the first line, nothing left out before it") {
    std::string text = "Anneroskolan först.\n" + filler(30);
    CHECK(snippet(text, Xapian::Query("anneroskolan")) ==
          "[Anneroskolan] först.\nRad 0 med vanliga ord om ingenting…");
}

TEST_CASE("snippet: by stem, the lines with the most weight of distinct words") {
    std::string text = filler(20) + "Skolorna nämndes.\n" + filler(20) +
                       "Budgeten och skolorna.\n" + filler(20) + "Budgeten igen.\n";
    Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("Zskol"), Xapian::Query("Zbudget"));
    CHECK(snippet(text, query) ==
          "…vanliga ord om ingenting särskilt.\n[Budgeten] och [skolorna].…");
}

TEST_CASE("snippet: no word of the query in the text (a field matched): its start") {
    std::string text = filler(30) + "skolans\n";
    // "skol" is a needle of the line filter, but no word here has the stem "skol" exactly
    // as a term: the filter keeps the line, the snippet still starts the text.
    CHECK(snippet(text, Xapian::Query("XPanna svensson")) ==
          "Rad 0 med vanliga ord om ingenting särskilt.\nRad 1 med…");
    CHECK(snippet(text, Xapian::Query("skol")) ==
          "Rad 0 med vanliga ord om ingenting särskilt.\nRad 1 med…");
    CHECK(snippet("", Xapian::Query("skol")).empty());
}

TEST_CASE("snippet: a compound part term marks the compounds the lexicon splits so") {
    // "XCskola" (schema.hh) is what a query for "skola" reads for its compounds; "skolor" is an
    // inflection (the stem's business), "skolk" only shares letters.
    std::string text = filler(30) + "Vi skolkade inte från Gymnasieskolan i dag.\n" + filler(30);
    CHECK(snippet(text, Xapian::Query("XCskola")) ==
          "…ingenting särskilt.\nVi skolkade inte från [Gymnasieskolan] i…");
    // A part in its linking form, which does not hold the part's stem ("gymnasie-").
    CHECK(snippet(text, Xapian::Query("XCgymnasium")) ==
          "…ingenting särskilt.\nVi skolkade inte från [Gymnasieskolan] i…");
}
