// The archive's vocabulary, kept in the database's metadata, so that a query word finds the
// forms the archive holds of it: its inflections (same lemma), its diacritic-folded and
// OCR-damaged spellings, and the compounds it is part of. Every entry maps a key to one
// indexed word ("~l:skola\tskolan", "~f:aterkoppling\tåterkoppling"), so a lookup is one
// prefix scan of the metadata and the expansion is made of real index terms, which the
// snippets then highlight.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace minutes {

// What the lexicon says of a case-folded word.
struct WordAnalysis {
    std::optional<std::string> lemma;  // base form, when known and different from the word
    std::vector<std::string> parts;    // the lemmas of a compound's parts; empty if none
};
using WordAnalyzer = std::function<WordAnalysis(std::string_view folded_word)>;

// The analyzer backed by the Swedish lexicon, or one that knows nothing when the dictionary
// is not installed.
WordAnalyzer default_analyzer();

// Records the vocabulary entries of new words while indexing.
class VocabularyWriter {
  public:
    explicit VocabularyWriter(WordAnalyzer analyzer) : analyze_(std::move(analyzer)) {}
    // Adds the entries of every body word of `doc` that the database does not know yet, and
    // to `doc` the terms of its compounds' parts (schema.hh: compound_part_prefix).
    void add_words_of(Xapian::WritableDatabase& db, Xapian::Document& doc);

  private:
    const std::vector<std::string>& add_word(Xapian::WritableDatabase& db, const std::string& word);
    WordAnalyzer analyze_;
    // The compound parts of every word seen (empty for most): each is analysed once.
    std::unordered_map<std::string, std::vector<std::string>> parts_;
};

// How a form found for a query word relates to it; the query ranks them in this order.
enum class FormKind { inflection, variant, compound };

struct WordForm {
    std::string term;
    FormKind kind;
};

struct ExpansionLimits {
    std::size_t max_forms = 200;  // per query word
};

// The indexed forms of `folded_word` other than itself. Words under 5 letters get only
// inflections; 5 letters, also the same word without diacritics; 6 or more, also words
// within one edit of it after folding (OCR damage).
std::vector<WordForm> find_forms(const Xapian::Database& db, const WordAnalyzer& analyze,
                                 const std::string& folded_word,
                                 const ExpansionLimits& limits = {});

// The archive word closest to `folded_word` (within two edits after folding), preferring
// the most frequent: a spelling suggestion. Empty when there is none.
std::string suggest_word(const Xapian::Database& db, const std::string& folded_word);

// Levenshtein distance between two UTF-8 strings in code points, stopping past `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace minutes
