#include "query_parser.hh"

#include <optional>
#include <string>
#include <vector>

#include "date_range.hh"
#include "document.hh"
#include "schema.hh"
#include "terms.hh"
#include "text.hh"

namespace minutes {
namespace {

enum class Kind { word, phrase, field, open, close, op_and, op_or, op_not, end };

struct Lexeme {
    Lexeme() = default;
    explicit Lexeme(Kind k) : kind(k) {}

    Kind kind = Kind::end;
    std::string text;      // the word, the phrase's inside, or the field's value
    std::string field;     // for Kind::field
    bool negated = false;  // written with a leading '-'
    bool quoted = false;   // a field value written in quotes
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Lexer {
  public:
    explicit Lexer(std::string_view text) : text_(text) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        while (true) {
            while (pos_ < text_.size() && is_space(text_[pos_]))
                ++pos_;
            if (pos_ >= text_.size()) break;
            out.push_back(next());
        }
        out.push_back({});
        return out;
    }

  private:
    Lexeme next() {
        char c = text_[pos_];
        if (c == '(') return ++pos_, Lexeme{Kind::open};
        if (c == ')') return ++pos_, Lexeme{Kind::close};
        Lexeme lex;
        if (c == '-' && pos_ + 1 < text_.size() && !is_space(text_[pos_ + 1])) {
            lex.negated = true;
            ++pos_;
        } else if (c == '+') {
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '(') {
            ++pos_;
            lex.kind = Kind::open;
            return lex;
        }
        if (pos_ < text_.size() && text_[pos_] == '"') {
            lex.kind = Kind::phrase;
            lex.text = quoted();
            return lex;
        }
        std::string word = bare();
        auto colon = word.find(':');
        if (colon != std::string::npos && colon > 0 && find_field(word.substr(0, colon))) {
            lex.kind = Kind::field;
            lex.field = word.substr(0, colon);
            lex.text = word.substr(colon + 1);
            if (lex.text.empty() && pos_ < text_.size() && text_[pos_] == '"') {
                lex.text = quoted();
                lex.quoted = true;
            }
            if (lex.text.empty()) throw QueryError("field " + lex.field + ": has no value");
            return lex;
        }
        if (!lex.negated) {
            if (word == "AND") return Lexeme{Kind::op_and};
            if (word == "OR") return Lexeme{Kind::op_or};
            if (word == "NOT") return Lexeme{Kind::op_not};
        }
        lex.kind = Kind::word;
        lex.text = word;
        return lex;
    }

    std::string bare() {
        std::size_t start = pos_;
        while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '(' &&
               text_[pos_] != ')' && text_[pos_] != '"')
            ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    std::string quoted() {
        std::size_t open = pos_++;
        std::size_t close = text_.find('"', pos_);
        if (close == std::string_view::npos)
            throw QueryError("unbalanced quote at character " + std::to_string(open + 1));
        std::string inside(text_.substr(pos_, close - pos_));
        pos_ = close + 1;
        return inside;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// "vp-uppdrag" as one word, as the index also holds it.
Xapian::Query whole_word_query(const std::vector<Token>& words, bool literal,
                               const QueryContext& context) {
    return word_query(whole_word(words), literal, context.expansion);
}

// Query for free text typed as a word or a phrase: one word, or the words in sequence.
std::optional<Xapian::Query> text_query(std::string_view text, bool literal, bool wildcard,
                                        const QueryContext& context) {
    const QueryLimits& limits = context.limits;
    literal = literal || context.literal;
    std::vector<Token> words = words_of(text);
    if (words.empty()) return std::nullopt;
    if (wildcard) {
        Xapian::Query last =
            prefix_query(context.expansion.db, words.back().term, limits.max_wildcard);
        words.pop_back();
        std::vector<Xapian::Query> parts;
        for (const auto& w : words)
            parts.push_back(word_query(w, literal));
        parts.push_back(last);
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    if (words.size() == 1) return word_query(words.front(), literal, context.expansion);
    return hyphenated(text, words) ? Xapian::Query(Xapian::Query::OP_OR, phrase_query(words),
                                                   whole_word_query(words, literal, context))
                                   : phrase_query(words);
}

Xapian::Query filter(Xapian::Query q) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0);
}

class Parser {
  public:
    Parser(std::vector<Lexeme> lexemes, const QueryContext& context)
        : lex_(std::move(lexemes)), context_(context), limits_(context.limits) {}

    Xapian::Query parse() {
        auto q = parse_or();
        if (peek() == Kind::close) throw QueryError("unbalanced parenthesis: ')' without '('");
        if (!q) throw QueryError("the query has no words to search for");
        return *q;
    }

  private:
    Kind peek() const { return lex_[pos_].kind; }
    const Lexeme& take() { return lex_[pos_++]; }

    static bool starts_operand(Kind k) {
        return k == Kind::word || k == Kind::phrase || k == Kind::field || k == Kind::open;
    }

    std::optional<Xapian::Query> parse_or() {
        auto left = parse_and();
        while (peek() == Kind::op_or) {
            take();
            if (!left) throw QueryError("OR needs a search term on both sides");
            auto right = parse_and();
            if (!right) throw QueryError("OR needs a search term on both sides");
            left = Xapian::Query(Xapian::Query::OP_OR, *left, *right);
        }
        return left;
    }

    std::optional<Xapian::Query> parse_and() {
        std::vector<Xapian::Query> positive, negative;
        bool any = false;
        while (true) {
            Kind k = peek();
            if (k == Kind::op_and) {
                take();
                if (!any || !starts_operand(peek()))
                    throw QueryError("AND needs a search term on both sides");
                continue;
            }
            bool negate = false;
            if (k == Kind::op_not) {
                take();
                if (!starts_operand(peek())) throw QueryError("NOT needs a search term after it");
                negate = true;
                k = peek();
            }
            if (!starts_operand(k)) break;
            bool lexeme_negated = lex_[pos_].negated;
            auto q = parse_operand();
            any = true;
            if (!q) continue;  // only punctuation: nothing to match
            (negate || lexeme_negated ? negative : positive).push_back(*q);
        }
        if (positive.empty() && negative.empty()) return std::nullopt;
        Xapian::Query result = positive.empty() ? Xapian::Query::MatchAll
                                                : Xapian::Query(Xapian::Query::OP_AND,
                                                                positive.begin(), positive.end());
        if (!negative.empty())
            result = Xapian::Query(
                Xapian::Query::OP_AND_NOT, result,
                Xapian::Query(Xapian::Query::OP_OR, negative.begin(), negative.end()));
        return result;
    }

    std::optional<Xapian::Query> parse_operand() {
        if (++terms_ > limits_.max_terms)
            throw QueryError("the query has more than " + std::to_string(limits_.max_terms) +
                             " terms");
        const Lexeme& lex = take();
        switch (lex.kind) {
            case Kind::open: {
                auto inner = parse_or();
                if (peek() != Kind::close)
                    throw QueryError("unbalanced parenthesis: '(' without ')'");
                take();
                return inner;
            }
            case Kind::phrase:
                return text_query(lex.text, false, false, context_);
            case Kind::field:
                return field_query(lex);
            default: {
                bool wildcard = lex.text.size() > 1 && lex.text.back() == '*';
                std::string_view word(lex.text);
                if (wildcard) word.remove_suffix(1);
                return text_query(word, false, wildcard, context_);
            }
        }
    }

    Xapian::Query field_query(const Lexeme& lex) {
        const Field& field = *find_field(lex.field);
        switch (field.kind) {
            case FieldKind::date: {
                auto range = parse_date_range(lex.text);
                if (!range)
                    throw QueryError("date: cannot read '" + lex.text +
                                     "' (use 2022, 2022-10, 2022-10-11 or ranges like 2022..2023)");
                return filter(date_range_query(*range));
            }
            case FieldKind::literal: {
                auto q = text_query(lex.text, true, false, context_);
                if (!q) throw QueryError(lex.field + ": has no words to search for");
                return *q;
            }
            case FieldKind::words:
                return filter(field_words_query(field, lex.text));
            case FieldKind::exact:
                return filter(field_exact_query(field, lex.text));
        }
        throw QueryError("unknown field " + lex.field);
    }

    Xapian::Query field_words_query(const Field& field, std::string_view text) {
        std::vector<Xapian::Query> parts;
        for (const auto& w : words_of(text))
            parts.emplace_back(
                Xapian::Query::OP_OR, Xapian::Query(std::string(field.prefix) + w.term),
                Xapian::Query(std::string(field.prefix) + std::string(stem_prefix) + stem(w.term)));
        if (parts.empty())
            throw QueryError(std::string(field.name) + ": has no words to search for");
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    Xapian::Query field_exact_query(const Field& field, std::string_view value) {
        if (value.size() > 1 && value.back() == '*') {
            value.remove_suffix(1);
            return Xapian::Query(Xapian::Query::OP_WILDCARD, field_term(field.prefix, value),
                                 limits_.max_wildcard, Xapian::Query::WILDCARD_LIMIT_ERROR);
        }
        if (!names_people(field) || !context_.spellings || context_.literal)
            return Xapian::Query(field_term(field.prefix, value));
        std::vector<Xapian::Query> terms;
        for (const auto& spelling : context_.spellings(value))
            terms.emplace_back(field_term(field.prefix, spelling));
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

    std::vector<Lexeme> lex_;
    const QueryContext& context_;
    const QueryLimits& limits_;
    std::size_t pos_ = 0;
    std::size_t terms_ = 0;
};

}  // namespace

Xapian::Query parse_query(std::string_view text, const QueryContext& context) {
    const QueryLimits& limits = context.limits;
    if (text.size() > limits.max_bytes)
        throw QueryError("the query is longer than " + std::to_string(limits.max_bytes) + " bytes");
    return Parser(Lexer(text).run(), context).parse();
}

}  // namespace minutes
