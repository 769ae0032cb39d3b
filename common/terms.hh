// How a word becomes index terms, and how a query word finds them: the two directions live
// side by side so that they cannot drift apart.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "text.hh"
#include "vocabulary.hh"

namespace minutes {

// The Swedish Snowball stem of a case-folded word.
std::string stem(std::string_view folded_word);

// True when `after` follows `before` in `text` joined by a hyphen alone ("vp-uppdrag"),
// and the two are not both numbers (a date such as 2019-09-17 is not a hyphenated word).
bool hyphen_joined(std::string_view text, const Token& before, const Token& after);

// Adds the terms of every word of `text` to `doc`: the folded word with its position,
// and its stem. Returns the last position used (positions continue from `first_position`).
Xapian::termpos index_text(Xapian::Document& doc, std::string_view text,
                           Xapian::termpos first_position = 1);

// Adds the words of a field value with `prefix` (no positions): topic words, for example.
void index_field_words(Xapian::Document& doc, std::string_view prefix, std::string_view text);

// Where query words find their other forms; without a database, only stems are used.
struct WordExpansion {
    const Xapian::Database* db = nullptr;
    WordAnalyzer analyzer;
    ExpansionLimits limits;
};

// The query for one word as a user typed it. `literal` matches only the word itself
// (case-insensitively). Otherwise its stem and the forms the vocabulary holds match too,
// ranked below the word itself: inflections, then OCR and diacritic variants, then the
// compounds it is part of.
Xapian::Query word_query(const Token& word, bool literal, const WordExpansion& expansion = {});

// The query for a phrase of words (positions must be consecutive).
Xapian::Query phrase_query(const std::vector<Token>& words);

// The query for words typed with a trailing '*'. Expansion is capped at `max_expansion`
// terms; past that the query is an error (Xapian::WildcardError).
Xapian::Query prefix_query(std::string_view folded_prefix, Xapian::termcount max_expansion);

}  // namespace minutes
