// One person per real person: spelling variants of a name folded together.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "people.hh"

using namespace minutes;

namespace {

using Names = std::vector<std::string>;

// The canonical names of the directory's people, in its order.
Names names_of(const PersonDirectory& directory) {
    Names names;
    for (const Person& p : directory.people())
        names.push_back(p.name);
    return names;
}

}  // namespace

TEST_CASE("people: same_person folds case and diacritics") {
    CHECK(same_person("Kristina Hjelmstrom", "Kristina Hjelmström"));
    CHECK(same_person("MARIE KRANTZ", "Marie Krantz"));
    CHECK(same_person("marie  krantz", "Marie Krantz"));
    CHECK(same_person("Lolitha", "LOLITHA"));
}

TEST_CASE("people: same_person allows one edit in one part of 5 letters or more") {
    CHECK(same_person("Lolita Nilsson", "Lolitha Nilsson"));
    CHECK(same_person("Matz Ingvarsson", "Matz Ingvarson"));
    CHECK(same_person("Cecilia Wickenberg Rosengren", "Cecilia Wickenberg Rosengrén"));
    CHECK(same_person("Cecilia Wickenberg Rosengren", "Cecilia Wikenberg Rosengren"));
    SUBCASE("OCR confusions") {
        CHECK(same_person("Marie Krantz", "Marie Kranlz"));
        CHECK(same_person("Lars Lindholm", "Lars Lindholrn"));
        CHECK(same_person("Lars Lindholrn", "Lars Lindholm"));
        CHECK(same_person("Karl Olsson", "Karl 0lsson"));
        CHECK(same_person("Ebba Nilsson", "Ebba Ni1sson"));
    }
}

TEST_CASE("people: same_person keeps different people apart") {
    CHECK_FALSE(same_person("Anna Berg", "Anne Berg"));        // 4 letters
    CHECK_FALSE(same_person("Mats Nilsson", "Matz Nilsson"));  // 4 letters
    CHECK_FALSE(same_person("Mats Nilsson", "Lolitha Nilsson"));
    CHECK_FALSE(same_person("Maria Holm", "Annette Holm Persson"));
    CHECK_FALSE(same_person("Lolita Nilsson", "Lolitha Nilson"));  // two parts differ
    CHECK_FALSE(same_person("Lolita Nilsson", "Lolitha Nilsson Ek"));
    CHECK_FALSE(same_person("Lars Lindholm", "Lars Lindhorn"));  // "rn" for "lm" is two edits
    CHECK_FALSE(same_person("Lolita", "Lolitha"));  // single parts merge only when equal
    CHECK_FALSE(same_person("", ""));
}

TEST_CASE("people: a near spelling joins the most frequent one") {
    PersonDirectory directory;
    directory.add("Lolita Nilsson");
    directory.add("Lolitha Nilsson", 3);
    std::vector<Person> people = directory.people();
    REQUIRE(people.size() == 1);
    CHECK(people[0].name == "Lolitha Nilsson");
    CHECK(people[0].variants == Names{"Lolita Nilsson"});
    CHECK(people[0].count == 4);
}

TEST_CASE("people: counts of one spelling add up") {
    PersonDirectory directory;
    directory.add("Lolita Nilsson", 2);
    directory.add("Lolitha Nilsson");
    directory.add("Lolita  Nilsson ", 2);
    std::vector<Person> people = directory.people();
    REQUIRE(people.size() == 1);
    CHECK(people[0] == Person{"Lolita Nilsson", {"Lolitha Nilsson"}, 5});
}

TEST_CASE("people: a tie goes to the spelling with diacritics") {
    PersonDirectory directory;
    directory.add("Kristina Hjelmstrom");
    directory.add("Kristina Hjelmström");
    std::vector<Person> people = directory.people();
    REQUIRE(people.size() == 1);
    CHECK(people[0] == Person{"Kristina Hjelmström", {"Kristina Hjelmstrom"}, 2});
}

TEST_CASE("people: variants are ordered by count, then alphabetically") {
    PersonDirectory directory;
    directory.add("Matz Ingvarsson", 5);
    directory.add("Matz Ingvarson", 1);
    directory.add("MATZ INGVARSSON", 2);
    directory.add("Matz Ingvarssen", 1);
    std::vector<Person> people = directory.people();
    REQUIRE(people.size() == 1);
    CHECK(people[0] ==
          Person{"Matz Ingvarsson", {"MATZ INGVARSSON", "Matz Ingvarson", "Matz Ingvarssen"}, 9});
}

TEST_CASE("people: different people stay apart") {
    PersonDirectory directory;
    for (const char* name : {"Maria Holm", "Annette Holm Persson", "Mats Nilsson",
                             "Lolitha Nilsson", "Anna Berg", "Anne Berg", "Matz Nilsson"})
        directory.add(name);
    CHECK(names_of(directory) == Names{"Anna Berg", "Anne Berg", "Annette Holm Persson",
                                       "Lolitha Nilsson", "Maria Holm", "Mats Nilsson",
                                       "Matz Nilsson"});
}

TEST_CASE("people: sorted by the diacritic-folded name") {
    PersonDirectory directory;
    for (const char* name : {"Oskar Berg", "Örjan Ek", "Anna Berg", "anna berg"})
        directory.add(name);
    CHECK(names_of(directory) == Names{"Anna Berg", "Örjan Ek", "Oskar Berg"});
}

TEST_CASE("people: clustering does not chain") {
    // "Lolita Nilsson" ≈ "Lolitha Nilsson" ≈ "Lolitha Nilson", but the first and the last
    // differ in two parts: whether they are one person depends on which spelling leads.
    PersonDirectory directory;
    SUBCASE("the middle spelling most frequent: one person") {
        directory.add("Lolita Nilsson");
        directory.add("Lolitha Nilsson", 3);
        directory.add("Lolitha Nilson");
        std::vector<Person> people = directory.people();
        REQUIRE(people.size() == 1);
        CHECK(people[0] == Person{"Lolitha Nilsson", {"Lolita Nilsson", "Lolitha Nilson"}, 5});
    }
    SUBCASE("an end spelling most frequent: the other end is another person") {
        directory.add("Lolita Nilsson");
        directory.add("Lolitha Nilsson", 2);
        directory.add("Lolitha Nilson", 3);
        std::vector<Person> people = directory.people();
        REQUIRE(people.size() == 2);
        CHECK(people[0] == Person{"Lolita Nilsson", {}, 1});
        CHECK(people[1] == Person{"Lolitha Nilson", {"Lolitha Nilsson"}, 5});
        REQUIRE(directory.find("Lolita Nilsson") != nullptr);
        CHECK(directory.find("Lolita Nilsson")->name == "Lolita Nilsson");
        REQUIRE(directory.find("lolitha nilsson") != nullptr);
        CHECK(directory.find("lolitha nilsson")->name == "Lolitha Nilson");
    }
}

TEST_CASE("people: find takes any case, diacritics and spelling") {
    PersonDirectory directory;
    directory.add("Lolitha Nilsson", 3);
    directory.add("Lolita Nilsson");
    directory.add("Kristina Hjelmström", 2);
    directory.add("Lars Lindholm");
    for (const char* typed : {"Lolitha Nilsson", "lolitha nilsson", "LOLITA NILSSON",
                              "Lolitha Nilson", "Lolita Nilson", "  lolitha   nilsson "}) {
        CAPTURE(typed);
        const Person* person = directory.find(typed);
        REQUIRE(person != nullptr);
        CHECK(person->name == "Lolitha Nilsson");
    }
    REQUIRE(directory.find("kristina hjelmstrom") != nullptr);
    CHECK(directory.find("kristina hjelmstrom")->name == "Kristina Hjelmström");
    REQUIRE(directory.find("Lars Lindholrn") != nullptr);
    CHECK(directory.find("Lars Lindholrn")->name == "Lars Lindholm");
    CHECK(directory.find("Lolitha") == nullptr);
    CHECK(directory.find("Mats Nilsson") == nullptr);
    CHECK(directory.find("") == nullptr);
}

TEST_CASE("people: spellings_of lists every spelling, canonical first") {
    PersonDirectory directory;
    directory.add("Lolita Nilsson");
    directory.add("Lolitha Nilsson", 3);
    CHECK(directory.spellings_of("lolita nilsson") == Names{"Lolitha Nilsson", "Lolita Nilsson"});
    CHECK(directory.spellings_of("Mats Nilsson") == Names{"Mats Nilsson"});
    CHECK(directory.spellings_of("okänd") == Names{"okänd"});
}

TEST_CASE("people: empty names are ignored") {
    PersonDirectory directory;
    directory.add("");
    directory.add(" \t\n");
    directory.add("Anna Berg", 0);
    CHECK(directory.people().empty());
    directory.add("Anna Berg");
    CHECK(names_of(directory) == Names{"Anna Berg"});
}

TEST_CASE("people: three-part names") {
    PersonDirectory directory;
    directory.add("Cecilia Wickenberg Rosengren");
    directory.add("Cecilia Wickenberg Rosengrén");
    directory.add("Cecilia Wickenberg");
    std::vector<Person> people = directory.people();
    REQUIRE(people.size() == 2);
    CHECK(people[0] == Person{"Cecilia Wickenberg", {}, 1});
    CHECK(people[1] == Person{"Cecilia Wickenberg Rosengrén", {"Cecilia Wickenberg Rosengren"}, 2});
}

TEST_CASE("people: single-part names merge only when equal after folding") {
    PersonDirectory directory;
    directory.add("Lolitha", 2);
    directory.add("LOLITHA");
    directory.add("Lolita");
    CHECK(directory.people() ==
          std::vector<Person>{{"Lolita", {}, 1}, {"Lolitha", {"LOLITHA"}, 3}});
}

TEST_CASE("people: the order of add() does not matter") {
    std::vector<std::pair<std::string, unsigned>> seen{
        {"Lolita Nilsson", 1},      {"Lolitha Nilsson", 2},
        {"Lolitha Nilson", 2},      {"Marie Krantz", 1},
        {"MARIE KRANTZ", 1},        {"Marie Kranlz", 1},
        {"Kristina Hjelmstrom", 1}, {"Kristina Hjelmström", 1},
        {"Anna Berg", 1},           {"Anne Berg", 1}};
    PersonDirectory forward, backward;
    for (const auto& [name, count] : seen)
        forward.add(name, count);
    for (auto it = seen.rbegin(); it != seen.rend(); ++it)
        backward.add(it->first, it->second);
    CHECK(forward.people() == backward.people());
    CHECK(names_of(forward) == Names{"Anna Berg", "Anne Berg", "Kristina Hjelmström",
                                     "Lolita Nilsson", "Lolitha Nilson", "MARIE KRANTZ"});
}
