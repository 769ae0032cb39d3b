// The body as indexed: page furniture out, hyphenated words joined, bullets dropped.
#include <doctest/doctest.h>

#include "body.hh"

using namespace minutes;

TEST_CASE("body: page furniture is recognised") {
    CHECK(is_page_furniture("         2019-09-17 "));
    CHECK(is_page_furniture(" Vid anteckningarna/Marie Krantz "));
    CHECK(is_page_furniture(" 2 HELSINGBORG 2022-10-11"));
    CHECK(is_page_furniture("12"));
    CHECK(is_page_furniture("Sida 3 av 7"));
    CHECK(is_page_furniture("17/9 2019"));
    CHECK_FALSE(is_page_furniture("2019.  "));
    CHECK_FALSE(is_page_furniture("1. Återkoppling från verksamhetsmöten"));
    CHECK_FALSE(is_page_furniture("Tisdagen den 11 okt 2022, 12.00-16.00"));
    CHECK_FALSE(is_page_furniture("ska vara klart senast 30 november 2019"));
    CHECK_FALSE(is_page_furniture(""));
}

TEST_CASE("body: a phrase across a page break runs on; furniture keeps its lines") {
    Body b = prepare_body("Uppdraget följs upp i\n         2019-09-17 \nverksamhetsdialoger.\n");
    CHECK(b.running.text == "Uppdraget följs upp i\nverksamhetsdialoger.\n\n");
    CHECK(b.furniture.text == "2019-09-17\n");
    CHECK(b.furniture.line_at(0) == 2);
    CHECK(b.running.line_at(b.running.text.find("verksamhetsdialoger")) == 3);
}

TEST_CASE("body: words hyphenated across lines are joined") {
    SUBCASE("a broken word loses its hyphen") {
        Body b = prepare_body("följs upp i verk-\nsamhetsdialoger och\n");
        CHECK(b.running.text == "följs upp i verksamhetsdialoger och\n\n");
        CHECK(b.running.line_at(b.running.text.find("verksamhets")) == 1);  // where the word starts
        CHECK(b.running.line_at(b.running.text.find("och")) == 2);
    }
    SUBCASE("across a page break: blank lines and a page header between the halves") {
        std::string text =
            "Erfarenheterna från Öresunds-\n\n \n3 HELSINGBORG 2019-04-30\n"
            "gymnasiet kan vara till nytta\n";
        Body b = prepare_body(text);
        CHECK(b.running.text == "Erfarenheterna från Öresundsgymnasiet kan vara till nytta\n\n");
        std::size_t at = b.running.text.find("gymnasiet");
        CHECK(b.running.line_at(at) == 5);
        CHECK(b.running.source_at(at) == text.find("gymnasiet"));
        CHECK(b.running.source_at(b.running.text.find("Öresunds")) == text.find("Öresunds"));
    }
    SUBCASE("a hyphen that belongs to the word stays") {
        CHECK(prepare_body("tempot i Vp-\narbetet diskuterades").running.text ==
              "tempot i Vp-arbetet diskuterades\n");
        CHECK(prepare_body("inom H22-\nprojektet").running.text == "inom H22-projektet\n");
        CHECK(prepare_body("respektive vp-\nuppdrag har").running.text ==
              "respektive vp-uppdrag har\n");
    }
    SUBCASE("a suspended compound is not joined") {
        CHECK(prepare_body("inom för-\noch grundskola").running.text ==
              "inom för-\noch grundskola\n");
    }
    SUBCASE("a capitalised next line is a new sentence") {
        CHECK(prepare_body("Ekonomi -\nBudget").running.text == "Ekonomi -\nBudget\n");
    }
    SUBCASE("page furniture between the halves is skipped") {
        Body b = prepare_body("i verk-\n2 HELSINGBORG 2022-10-11\nsamheten\n");
        CHECK(b.running.text == "i verksamheten\n\n");
        CHECK(b.furniture.text == "2 HELSINGBORG 2022-10-11\n");
    }
}

TEST_CASE("body: list bullets are not words") {
    CHECK(prepare_body("o Nulägesrapport från Styrgruppen").running.text ==
          "Nulägesrapport från Styrgruppen\n");
    CHECK(prepare_body("e Mote med stadsrevisionen").running.text == "Mote med stadsrevisionen\n");
    CHECK(prepare_body("\u2022 Avtackning").running.text == "Avtackning\n");
    CHECK(prepare_body("o 12 st").running.text == "o 12 st\n");  // not followed by a word
}

TEST_CASE("body: repeated page headers with page numbers are furniture") {
    Body b = prepare_body("2 HELSINGBORG\ntext ett\n3 HELSINGBORG\ntext två\n");
    CHECK(b.running.text == "text ett\ntext två\n\n");
    CHECK(b.furniture.text == "2 HELSINGBORG\n3 HELSINGBORG\n");
}

TEST_CASE("body: empty and odd input") {
    CHECK(prepare_body("").running.text == "\n");
    CHECK(prepare_body("-\n-\n").running.text == "-\n-\n\n");
    CHECK(prepare_body(std::string(100000, 'a') + "-\nb").running.text.size() == 100002);
}
