#include "snippet.hh"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mentions_filter.hh"
#include "schema.hh"
#include "terms.hh"

namespace minutes {
namespace {

// The terms of a query (a prefix* is already expanded to its words: terms.hh).
struct QueryTerms {
    std::unordered_set<std::string> terms;
    bool has_stems = false;
    std::unordered_set<std::string> compound_parts;  // lemmas of the compound part terms
    std::vector<std::string> part_needles;           // what compounds of them hold
    WordAnalyzer analyze;                            // when there are any
    MentionFilter lines;                             // the lines that may hold a word matching one

    explicit QueryTerms(const Xapian::Query& query)
        : terms(query.get_unique_terms_begin(), query.get_unique_terms_end()),
          lines(line_terms(terms)) {
        for (const auto& term : terms) {
            has_stems = has_stems || term[0] == 'Z';
            if (!term.starts_with(compound_part_prefix)) continue;
            std::string part = term.substr(compound_part_prefix.size());
            part_needles.push_back(part_needle(part));
            compound_parts.insert(std::move(part));
        }
        if (!compound_parts.empty()) analyze = default_analyzer();
    }
    // The query term `word` matches, or empty; remembered, since words repeat in a text.
    const std::string& matched(const std::string& word) {
        auto [it, fresh] = seen.try_emplace(word);
        if (fresh) it->second = find_match(word);
        return it->second;
    }

  private:
    // What the line filter looks for: a compound part by its needle (terms.hh: part_needle),
    // which its compounds hold ("skolgård": "skol", "gymnasieskolan": "gymnasi").
    static std::vector<std::string> line_terms(const std::unordered_set<std::string>& terms) {
        std::vector<std::string> out;
        for (const auto& term : terms) {
            if (!term.starts_with(compound_part_prefix)) {
                out.push_back(term);
                continue;
            }
            out.emplace_back(stem_prefix);
            out.back() += part_needle(std::string_view(term).substr(compound_part_prefix.size()));
        }
        return out;
    }

    std::string find_match(const std::string& word) const {
        if (terms.count(word)) return word;
        if (has_stems) {
            std::string z(stem_prefix);
            z += stem(word);
            if (terms.count(z)) return z;
        }
        if (analyze && holds_any(word, part_needles))
            for (const auto& part : analyze(word).parts)
                if (compound_parts.count(part)) return compound_part_term(part);
        return {};
    }
    std::unordered_map<std::string, std::string> seen;
};

struct Word {
    std::size_t begin, end;  // bytes of the text
    std::string term;        // the query term it matches, or empty
};

// Bytes [begin, end) of the text: whole lines.
struct Stretch {
    std::size_t begin, end;
};

// Appends the words of text[part]; whole lines are tokenized as in the whole text.
void add_words(std::string_view text, const Stretch& part, QueryTerms& query,
               std::vector<Word>& words) {
    std::string_view lines = text.substr(part.begin, part.end - part.begin);
    for_each_word(lines, 1, [&](const IndexedWord& w) {
        std::size_t begin = part.begin + w.offset;
        Word word{begin, begin + w.length, query.matched(w.term)};
        // A hyphenated word comes whole after its parts: it replaces them if it matches.
        if (!words.empty() && word.begin < words.back().end) {
            if (word.term.empty()) return;
            while (!words.empty() && words.back().begin >= word.begin)
                words.pop_back();
        }
        words.push_back(std::move(word));
    });
}

// Where the snippet can be: the lines that may hold a query word with `margin` bytes of
// lines around them (a window and its widening reach less far), or the start of the text
// when none may (or `start_only`). Tokenizing just these is most of a snippet's cost saved.
std::vector<Stretch> stretches(std::string_view text, const QueryTerms& query, std::size_t margin,
                               bool start_only) {
    MentionFilter::Lines lines = query.lines.candidate_lines(text);
    auto line_start = [&](std::size_t at) {
        auto it = std::upper_bound(lines.starts.begin(), lines.starts.end(), at);
        return *std::prev(it);
    };
    auto line_end = [&](std::size_t at) {
        std::size_t newline = text.find('\n', at);
        return newline == std::string_view::npos ? text.size() : newline + 1;
    };
    std::vector<Stretch> out;
    auto add = [&](std::size_t begin, std::size_t end) {
        begin = line_start(begin > margin ? begin - margin : 0);
        end = line_end(std::min(end + margin, text.size()));
        if (!out.empty() && begin <= out.back().end)
            out.back().end = std::max(out.back().end, end);
        else
            out.push_back({begin, end});
    };
    if (!start_only)
        for (std::size_t i = 0; i < lines.starts.size(); ++i)
            if (lines.candidate[i])
                add(lines.starts[i],
                    i + 1 < lines.starts.size() ? lines.starts[i + 1] : text.size());
    if (out.empty() && !text.empty()) add(0, 0);
    return out;
}

// Whether `text` holds a word: a letter or digit, in ASCII (nearly always) or as the
// tokenizer sees it.
bool has_word(std::string_view text) {
    if (std::any_of(text.begin(), text.end(), [](char c) { return std::isalnum(uint8_t(c)); }))
        return true;
    bool found = false;
    tokenize(text, [&](const Token&) { found = true; });
    return found;
}

// The words of the stretches, with whether the text has words before and after them.
struct Words {
    std::vector<Word> list;
    bool before = false, after = false;
};

Words words_of_text(std::string_view text, QueryTerms& query, std::size_t margin) {
    Words words;
    std::vector<Stretch> parts = stretches(text, query, margin, false);
    for (const Stretch& part : parts)
        add_words(text, part, query, words.list);
    // No word matched (the filter is conservative): the snippet is the text's start.
    auto matched = [](const Word& w) { return !w.term.empty(); };
    if (!parts.empty() && parts.front().begin > 0 &&
        std::none_of(words.list.begin(), words.list.end(), matched)) {
        words.list.clear();
        parts = stretches(text, query, margin, true);
        add_words(text, parts.front(), query, words.list);
    }
    if (!parts.empty()) {
        words.before = has_word(text.substr(0, parts.front().begin));
        words.after = has_word(text.substr(parts.back().end));
    }
    return words;
}

// The weight of words [first, last]: each distinct term once, repeats a tenth.
class WindowScore {
  public:
    explicit WindowScore(const TermWeight& weight) : weight_(weight) {}
    void add(const std::string& term) { change(term, +1); }
    void remove(const std::string& term) { change(term, -1); }
    double value() const { return value_; }

  private:
    double weight_of(const std::string& term) {
        auto [it, fresh] = weights_.try_emplace(term, 0.0);
        if (fresh) it->second = weight_(term);
        return it->second;
    }
    void change(const std::string& term, int delta) {
        if (term.empty()) return;
        int& n = counts_[term];
        int before = n;
        n += delta;
        auto worth = [&](int k) { return k <= 0 ? 0.0 : weight_of(term) * (1.0 + 0.1 * (k - 1)); };
        value_ += worth(n) - worth(before);
    }
    const TermWeight& weight_;
    std::unordered_map<std::string, double> weights_;
    std::unordered_map<std::string, int> counts_;
    double value_ = 0;
};

// The best window of words whose text fits in `bytes`: [first, last].
std::pair<std::size_t, std::size_t> best_window(const std::vector<Word>& words,
                                                const TermWeight& weight, std::size_t bytes) {
    WindowScore score(weight);
    std::pair<std::size_t, std::size_t> best{0, 0};
    double best_value = 0;
    std::size_t first = 0;
    for (std::size_t last = 0; last < words.size(); ++last) {
        score.add(words[last].term);
        while (first < last && words[last].end - words[first].begin > bytes)
            score.remove(words[first++].term);
        if (score.value() > best_value + 1e-9) {
            best_value = score.value();
            best = {first, last};
        }
    }
    return best;
}

// Widens [first, last] by whole words on both sides while the text fits in `bytes`.
void widen(const std::vector<Word>& words, std::size_t& first, std::size_t& last,
           std::size_t bytes) {
    for (bool grew = true; grew;) {
        grew = false;
        if (last + 1 < words.size() && words[last + 1].end - words[first].begin <= bytes) {
            ++last;
            grew = true;
        }
        if (first > 0 && words[last].end - words[first - 1].begin <= bytes) {
            --first;
            grew = true;
        }
    }
}

}  // namespace

std::string make_snippet(std::string_view text, const Xapian::Query& query,
                         const TermWeight& weight, const SnippetStyle& style) {
    QueryTerms terms(query);
    // A window that holds a query word, widened, spans at most style.bytes from it: the
    // words that far around the candidate lines are all it can show.
    Words found = words_of_text(text, terms, style.bytes);
    const std::vector<Word>& words = found.list;
    if (words.empty()) return {};
    auto [first, last] = best_window(words, weight, style.bytes);
    widen(words, first, last, style.bytes);
    std::string out;
    if (first > 0 || found.before) out += style.omitted;
    std::size_t at = words[first].begin;
    for (std::size_t i = first; i <= last; ++i) {
        out.append(text.substr(at, words[i].begin - at));
        std::string_view word = text.substr(words[i].begin, words[i].end - words[i].begin);
        if (words[i].term.empty()) {
            out.append(word);
        } else {
            out.append(style.mark_start).append(word).append(style.mark_end);
        }
        at = words[i].end;
    }
    // The sentence's full stop, say, belongs to the last word shown.
    std::size_t tail = at;
    while (tail < text.size() &&
           std::string_view(".,;:!?)\"").find(text[tail]) != std::string_view::npos)
        ++tail;
    out.append(text.substr(at, tail - at));
    if (last + 1 < words.size() || found.after) out += style.omitted;
    return out;
}

}  // namespace minutes
