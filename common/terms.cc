#include "terms.hh"

#include "body.hh"
#include "schema.hh"

#include <optional>

namespace minutes {

std::string stem(std::string_view folded_word) {
    thread_local Xapian::Stem stemmer("swedish");
    return stemmer(std::string(folded_word));
}

bool hyphen_joined(std::string_view text, const Token& before, const Token& after) {
    std::size_t end = before.offset + before.text.size();
    return after.offset == end + 1 && text[end] == '-' && !(before.numeric && after.numeric);
}

namespace {

void add_word(Xapian::Document& doc, const std::string& term, bool numeric, Xapian::termpos pos) {
    if (term.size() > max_term_bytes) return;
    doc.add_posting(term, pos);
    if (!numeric) doc.add_term(std::string(stem_prefix) + stem(term));
}

}  // namespace

Xapian::termpos index_text(Xapian::Document& doc, std::string_view text,
                           Xapian::termpos first_position) {
    Xapian::termpos pos = first_position;
    // A hyphenated word ("VP-uppdragen") is indexed as its parts, for phrases, and whole at
    // the position of its first part, so that its inflections are found too.
    std::optional<Token> previous;
    std::string chain, unhyphenated;
    bool hyphens_broke_word = false;
    Xapian::termpos chain_start = 0;
    std::size_t chain_parts = 0;
    // Inside a line too, PDF extraction leaves hyphens that only broke a word at a line end
    // ("upp-följning"): such a word is also indexed joined ("uppföljning").
    auto end_chain = [&] {
        if (chain_parts > 1) add_word(doc, chain, false, chain_start);
        if (chain_parts > 1 && hyphens_broke_word) add_word(doc, unhyphenated, false, chain_start);
        chain_parts = 0;
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
            chain_parts = 1;
        }
        add_word(doc, token.term, token.numeric, pos++);
        previous = token;
    });
    end_chain();
    return pos;
}

void index_field_words(Xapian::Document& doc, std::string_view prefix, std::string_view text) {
    tokenize(text, [&](const Token& token) {
        if (token.term.size() > max_term_bytes) return;
        doc.add_term(std::string(prefix) + token.term);
        if (!token.numeric)
            doc.add_term(std::string(prefix) + std::string(stem_prefix) + stem(token.term));
    });
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

Xapian::Query word_query(const Token& word, bool literal, const WordExpansion& expansion) {
    Xapian::Query exact(word.term);
    if (literal || word.numeric) return exact;
    // The word itself scores twice (term and stem), so it ranks above its other forms.
    std::vector<Xapian::Query> parts{exact,
                                     Xapian::Query(std::string(stem_prefix) + stem(word.term))};
    if (expansion.db) {
        for (const auto& form :
             find_forms(*expansion.db, expansion.analyzer, word.term, expansion.limits))
            parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(form.term),
                               form_weight(form.kind));
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query phrase_query(const std::vector<Token>& words) {
    std::vector<Xapian::Query> parts;
    for (const Token& w : words)
        parts.emplace_back(w.term);
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(parts.size()));
}

Xapian::Query prefix_query(std::string_view folded_prefix, Xapian::termcount max_expansion) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(folded_prefix), max_expansion,
                         Xapian::Query::WILDCARD_LIMIT_ERROR);
}

}  // namespace minutes
