// People named across the archive: the spellings of one person's name (case, diacritics,
// typing and OCR slips) folded into one person, so that a search for a person finds every
// spelling the minutes use.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minutes {

struct Person {
    std::string name;                   // canonical spelling: the preferred one (see add())
    std::vector<std::string> variants;  // the other spellings seen, preferred first
    unsigned count = 0;                 // sum of the counts of all spellings

    friend bool operator==(const Person&, const Person&) = default;
};

// True when two spellings are taken to name the same person. After folding case and
// diacritics, split on white space: equal, or with as many parts, all equal but one, and
// that one of 5 letters or more in both and one edit apart (an OCR "rn" for "m" is one edit).
// Names of one part match only when equal.
bool same_person(std::string_view a, std::string_view b);

// The people of an archive, built from the spellings of their names. Not safe to use from
// several threads at once: the const members cluster lazily.
class PersonDirectory {
  public:
    // A spelling as written in a document, seen `count` times. White space is collapsed;
    // empty names and a zero count are ignored. Spellings are preferred by count, then with
    // diacritics, then alphabetically (bytes); each in turn joins the first person whose
    // canonical spelling names the same person, or starts a new one, so the result does not
    // depend on the order of the calls and never chains A to C through B.
    void add(std::string_view name, unsigned count = 1);

    // Every person, sorted by canonical name (diacritic-folded, then bytes).
    std::vector<Person> people() const;

    // The person a name refers to, typed in any case, with or without diacritics, or in any
    // spelling near a known one; nullptr when none. Valid until the next add().
    const Person* find(std::string_view name) const;

    // Every spelling of that person, canonical first, or just {name} when unknown.
    std::vector<std::string> spellings_of(std::string_view name) const;

  private:
    struct Index;
    const Index& index() const;

    std::unordered_map<std::string, unsigned> counts_;  // spelling -> times seen
    mutable std::shared_ptr<const Index> index_;        // built on demand, dropped by add()
};

}  // namespace minutes
