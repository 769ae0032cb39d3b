#include "snippet.hh"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "terms.hh"

namespace minutes {
namespace {

// The terms of a query (a prefix* is already expanded to its words: terms.hh).
struct QueryTerms {
    std::unordered_set<std::string> terms;
    bool has_stems = false;

    explicit QueryTerms(const Xapian::Query& query) {
        for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
            terms.insert(*it);
            has_stems = has_stems || (*it)[0] == 'Z';
        }
    }
    // The query term `word` matches, or empty; remembered, since words repeat in a text.
    const std::string& matched(const std::string& word) {
        auto [it, fresh] = seen.try_emplace(word);
        if (fresh) it->second = find_match(word);
        return it->second;
    }

  private:
    std::string find_match(const std::string& word) const {
        if (terms.count(word)) return word;
        if (has_stems) {
            std::string z = "Z" + stem(word);
            if (terms.count(z)) return z;
        }
        return {};
    }
    std::unordered_map<std::string, std::string> seen;
};

struct Word {
    std::size_t begin, end;  // bytes of the text
    std::string term;        // the query term it matches, or empty
};

std::vector<Word> words_of_text(std::string_view text, QueryTerms& query) {
    std::vector<Word> words;
    for_each_word(text, 1, [&](const IndexedWord& w) {
        Word word{w.offset, w.offset + w.length, query.matched(w.term)};
        // A hyphenated word comes whole after its parts: it replaces them if it matches.
        if (!words.empty() && word.begin < words.back().end) {
            if (word.term.empty()) return;
            while (!words.empty() && words.back().begin >= word.begin)
                words.pop_back();
        }
        words.push_back(std::move(word));
    });
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
    std::vector<Word> words = words_of_text(text, terms);
    if (words.empty()) return {};
    auto [first, last] = best_window(words, weight, style.bytes);
    widen(words, first, last, style.bytes);
    std::string out;
    if (first > 0) out += style.omitted;
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
    if (last + 1 < words.size()) out += style.omitted;
    return out;
}

}  // namespace minutes
