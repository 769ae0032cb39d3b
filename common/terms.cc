#include "terms.hh"

#include "body.hh"
#include "schema.hh"

#include <algorithm>
#include <optional>
#include <utility>

namespace minutes {

std::string stem(std::string_view folded_word) {
    thread_local Xapian::Stem stemmer("swedish");
    return stemmer(std::string(folded_word));
}

std::string part_needle(std::string_view part) {
    std::string stemmed = stem(part);
    std::u32string letters = code_points(part);
    if (letters.size() < 6) return stemmed;
    std::string shorter = utf8(std::u32string_view(letters).substr(0, letters.size() - 2));
    return shorter.size() < stemmed.size() ? shorter : stemmed;
}

bool holds_any(std::string_view word, const std::vector<std::string>& needles) {
    return std::any_of(needles.begin(), needles.end(), [&](const std::string& needle) {
        return word.find(needle) != std::string_view::npos;
    });
}

bool hyphen_joined(std::string_view text, const Token& before, const Token& after) {
    std::size_t end = before.offset + before.text.size();
    return after.offset == end + 1 && text[end] == '-' && !(before.numeric && after.numeric);
}

Xapian::termpos for_each_word(std::string_view text, Xapian::termpos first_position,
                              const std::function<void(const IndexedWord&)>& sink) {
    Xapian::termpos pos = first_position;
    // A hyphenated word ("VP-uppdragen") is indexed as its parts, for phrases, and whole at
    // the position of its first part, so that its inflections are found too.
    std::optional<Token> previous;
    std::string chain, unhyphenated;
    bool hyphens_broke_word = false;
    Xapian::termpos chain_start = 0;
    std::size_t chain_offset = 0, chain_parts = 0;
    // Inside a line too, PDF extraction leaves hyphens that only broke a word at a line end
    // ("upp-följning"): such a word is also indexed joined ("uppföljning").
    auto end_chain = [&] {
        if (chain_parts < 2) return;
        std::size_t length = previous->offset + previous->text.size() - chain_offset;
        sink({chain, chain_start, chain_offset, length, false, true});
        if (hyphens_broke_word)
            sink({unhyphenated, chain_start, chain_offset, length, false, true});
    };
    tokenize(text, [&](const Token& token) {
        if (previous && hyphen_joined(text, *previous, token)) {
            hyphens_broke_word = hyphens_broke_word && !token.numeric;
            chain += "-" + token.term;
            unhyphenated += token.term;
            ++chain_parts;
        } else {
            end_chain();
            hyphens_broke_word = !hyphen_belongs(token.text);
            chain = unhyphenated = token.term;
            chain_start = pos;
            chain_offset = token.offset;
            chain_parts = 1;
        }
        sink({token.term, pos++, token.offset, token.text.size(), token.numeric});
        previous = token;
    });
    end_chain();
    return pos;
}

void add_word_terms(Xapian::Document& doc, const IndexedWord& word) {
    if (word.term.size() > max_term_bytes) return;
    doc.add_posting(word.term, word.position);
    if (!word.numeric) doc.add_term(std::string(stem_prefix) + stem(word.term));
}

Xapian::termpos index_text(Xapian::Document& doc, std::string_view text,
                           Xapian::termpos first_position) {
    return for_each_word(text, first_position,
                         [&](const IndexedWord& w) { add_word_terms(doc, w); });
}

void index_field_words(Xapian::Document& doc, std::string_view prefix, std::string_view text) {
    tokenize(text, [&](const Token& token) {
        if (token.term.size() > max_term_bytes) return;
        doc.add_term(std::string(prefix) + token.term);
        if (!token.numeric)
            doc.add_term(std::string(prefix) + std::string(stem_prefix) + stem(token.term));
    });
}

std::vector<Token> words_of(std::string_view text) {
    std::vector<Token> words;
    tokenize(text, [&](const Token& t) { words.push_back(t); });
    return words;
}

bool hyphenated(std::string_view text, const std::vector<Token>& words) {
    for (std::size_t i = 1; i < words.size(); ++i)
        if (!hyphen_joined(text, words[i - 1], words[i])) return false;
    return words.size() > 1;
}

Token whole_word(const std::vector<Token>& words) {
    Token whole = words.front();
    for (std::size_t i = 1; i < words.size(); ++i)
        whole.term += "-" + words[i].term;
    whole.numeric = false;
    return whole;
}

namespace {

// Relative weights of the forms of a query word: the word as typed ranks first.
double form_weight(FormKind kind) {
    switch (kind) {
        case FormKind::inflection:
            return 0.8;
        case FormKind::variant:
            return 0.5;
        case FormKind::compound:
            return 0.4;
    }
    return 0.4;
}

}  // namespace

WordMatcher::WordMatcher(const Token& word, bool literal, const WordExpansion& expansion)
    : word_(word.term), literal_(literal || word.numeric) {
    if (literal_) return;
    stem_ = stem(word_);
    if (!expansion.db) return;
    for (auto& form : find_forms(*expansion.db, expansion.analyzer, word_, expansion.limits)) {
        forms_.emplace(form.term, form.kind);
        ordered_forms_.push_back(std::move(form));
    }
    as_part_.push_back(word_);
    if (!expansion.analyzer) return;
    if (auto lemma = expansion.analyzer(word_).lemma; lemma && *lemma != word_)
        as_part_.push_back(*lemma);
    // The list stopped short: the query finds more compounds (by their parts), and so must
    // match().
    if (ordered_forms_.size() < expansion.limits.max_forms) return;
    analyzer_ = expansion.analyzer;
    for (const auto& part : as_part_)
        part_needles_.push_back(part_needle(part));
}

Xapian::Query WordMatcher::query() const {
    Xapian::Query exact(word_);
    if (literal_) return exact;
    // The word itself scores twice (term and stem), so it ranks above its other forms. The
    // stem already finds (and weighs) the inflections it shares, and one term per part finds
    // every compound: reading their postlists again would only cost time.
    std::vector<Xapian::Query> parts{exact, Xapian::Query(std::string(stem_prefix) + stem_)};
    for (const auto& form : ordered_forms_)
        if (form.kind == FormKind::variant ||
            (form.kind == FormKind::inflection && stem(form.term) != stem_))
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(form.term),
                               form_weight(form.kind));
    for (const auto& part : as_part_)
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(compound_part_term(part)),
                           form_weight(FormKind::compound));
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

std::optional<Match> WordMatcher::match(const std::string& term) const {
    if (term == word_) return Match::exact;
    if (literal_) return std::nullopt;
    if (auto it = forms_.find(term); it != forms_.end()) {
        switch (it->second) {
            case FormKind::inflection:
                return Match::inflection;
            case FormKind::variant:
                return Match::variant;
            case FormKind::compound:
                return Match::compound;
        }
    }
    if (stem(term) == stem_) return Match::inflection;
    if (analyzer_ && compound_of(term)) return Match::compound;
    return std::nullopt;
}

std::vector<std::string> WordMatcher::accepted_terms() const {
    std::vector<std::string> terms{word_};
    if (literal_) return terms;
    terms.push_back(std::string(stem_prefix) + stem_);
    for (const auto& form : ordered_forms_)
        terms.push_back(form.term);
    for (const auto& needle : part_needles_)  // the compounds past the list
        terms.push_back(std::string(stem_prefix) + needle);
    return terms;
}

// Whether the lexicon splits `term` into parts one of which is the word (or its lemma). Only
// words holding a part needle are asked (mentions_filter.hh looks for lines by them).
bool WordMatcher::compound_of(const std::string& term) const {
    if (!holds_any(term, part_needles_)) return false;
    for (const auto& part : analyzer_(term).parts)
        if (std::find(as_part_.begin(), as_part_.end(), part) != as_part_.end()) return true;
    return false;
}

Xapian::Query word_query(const Token& word, bool literal, const WordExpansion& expansion) {
    return WordMatcher(word, literal, expansion).query();
}

std::string_view match_name(Match match) {
    switch (match) {
        case Match::exact:
            return "exact";
        case Match::inflection:
            return "inflection";
        case Match::variant:
            return "variant";
        case Match::compound:
            return "compound";
    }
    return "exact";
}

Xapian::Query phrase_query(const std::vector<Token>& words) {
    std::vector<Xapian::Query> parts;
    for (const Token& w : words)
        parts.emplace_back(w.term);
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(parts.size()));
}

Xapian::Query prefix_query(const Xapian::Database* db, std::string_view folded_prefix,
                           Xapian::termcount max_expansion) {
    std::string prefix(folded_prefix);
    if (!db)
        return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, max_expansion,
                             Xapian::Query::WILDCARD_LIMIT_ERROR);
    std::vector<Xapian::Query> terms;
    for (auto it = db->allterms_begin(prefix); it != db->allterms_end(prefix); ++it) {
        if (terms.size() == max_expansion)
            throw Xapian::WildcardError(prefix + "* expands to more than " +
                                        std::to_string(max_expansion) + " terms");
        terms.emplace_back(*it);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace minutes
