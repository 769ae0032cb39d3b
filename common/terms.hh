// How a word becomes index terms, and how a query word finds them: the two directions live
// side by side so that they cannot drift apart.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "text.hh"
#include "vocabulary.hh"

namespace minutes {

// The Swedish Snowball stem of a case-folded word.
std::string stem(std::string_view folded_word);

// What every written compound with `part` (a lemma) as a part holds, as far as Swedish
// linking forms go: the part's stem ("skol" for skola: "skolgården", "gat" for gata:
// "gatukontoret"), or the part without its last two letters when that is shorter and keeps
// four ("gymnasi" for gymnasium: "gymnasieskolan", "muse" for museum: "museibesöket").
std::string part_needle(std::string_view part);
// Whether `word` holds one of `needles`: only such words are worth asking the lexicon about.
bool holds_any(std::string_view word, const std::vector<std::string>& needles);

// True when `after` follows `before` in `text` joined by a hyphen alone ("vp-uppdrag"),
// and the two are not both numbers (a date such as 2019-09-17 is not a hyphenated word).
bool hyphen_joined(std::string_view text, const Token& before, const Token& after);

// A word of a text as the index holds it: a term at a position, and where it is written.
struct IndexedWord {
    std::string term;  // case-folded
    Xapian::termpos position;
    std::size_t offset;  // of its first byte in the text
    std::size_t length;  // in bytes
    bool numeric;
    bool whole = false;  // a hyphenated word whole, after its parts
};

// Calls `sink` for every word of `text` as the index holds it, positions counting from
// `first_position`: each word at its position, and a hyphenated word also whole at the
// position of its first part (joined as well when the hyphens only broke the word).
// Returns the next free position.
Xapian::termpos for_each_word(std::string_view text, Xapian::termpos first_position,
                              const std::function<void(const IndexedWord&)>& sink);

// The words of typed text, as the tokenizer gives them.
std::vector<Token> words_of(std::string_view text);

// True when several words are one hyphenated word ("vp-uppdrag"): each joined to the next
// by a hyphen alone.
bool hyphenated(std::string_view text, const std::vector<Token>& words);

// Hyphenated words as the one word the index also holds ("vp-uppdrag").
Token whole_word(const std::vector<Token>& words);

// Adds the terms of one word to `doc`: the folded word at its position, and its stem.
void add_word_terms(Xapian::Document& doc, const IndexedWord& word);

// Adds the terms of every word of `text` to `doc` (for_each_word): the folded word with its
// position, and its stem. Returns the next free position.
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

// How an index term relates to a query word, best first.
enum class Match { exact, inflection, variant, compound };
std::string_view match_name(Match match);  // "exact", "inflection", ...

// One query word and every index term it finds: the query for `search`, and the test of
// single terms for `mentions`, from the same forms.
class WordMatcher {
  public:
    WordMatcher(const Token& word, bool literal, const WordExpansion& expansion = {});
    Xapian::Query query() const;
    std::optional<Match> match(const std::string& term) const;
    // What a text must hold to hold a word match() accepts: the word, each form it lists
    // (compounds too, which query() finds by their parts instead), and "Z" + its stem, with
    // which every other word it accepts starts (mentions_filter.hh).
    std::vector<std::string> accepted_terms() const;

  private:
    std::string word_, stem_;
    bool literal_;
    std::vector<WordForm> ordered_forms_;
    std::unordered_map<std::string, FormKind> forms_;
    std::vector<std::string> as_part_;       // the word and its lemma, as compound parts (XC terms)
    WordAnalyzer analyzer_;                  // when find_forms listed as many forms as it may
    std::vector<std::string> part_needles_;  // with analyzer_: part_needle of each of as_part_
    bool compound_of(const std::string& term) const;
};

// The query for one word as a user typed it. `literal` matches only the word itself
// (case-insensitively). Otherwise its stem and the forms the vocabulary holds match too,
// ranked below the word itself: inflections, then OCR and diacritic variants, then the
// compounds it is part of.
Xapian::Query word_query(const Token& word, bool literal, const WordExpansion& expansion = {});

// The query for a phrase of words (positions must be consecutive).
Xapian::Query phrase_query(const std::vector<Token>& words);

// The query for words typed with a trailing '*': every word of `db` that starts so, OR'ed
// (Xapian's own wildcard is expanded and weighed shard by shard, so its scores would depend
// on how the archive is sharded). More than `max_expansion` words is an error
// (Xapian::WildcardError). Without a database, Xapian's wildcard.
Xapian::Query prefix_query(const Xapian::Database* db, std::string_view folded_prefix,
                           Xapian::termcount max_expansion);

}  // namespace minutes
