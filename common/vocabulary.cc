#include "vocabulary.hh"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <algorithm>

#include "database.hh"
#include "lexicon.hh"
#include "schema.hh"
#include "terms.hh"
#include "text.hh"

namespace minutes {
namespace {

constexpr std::string_view lemma_key = "~l:";     // lemma -> word
constexpr std::string_view folded_key = "~f:";    // folded word -> word (also: "word known")
constexpr std::string_view reversed_key = "~r:";  // folded word reversed -> word
constexpr std::string_view part_key = "~p:";      // compound part lemma -> word

std::string reversed(std::string_view s) {
    std::u32string u = code_points(s);
    std::reverse(u.begin(), u.end());
    return utf8(u);
}

std::string first_chars(std::string_view s, std::size_t n) {
    return utf8(code_points(s).substr(0, n));
}

std::string entry(std::string_view kind, std::string_view key, std::string_view word) {
    std::string e(kind);
    e.append(key).append("\t").append(word);
    return e;
}

bool has_letter(std::string_view word) {
    for (char32_t c : code_points(word))
        if (u_isalpha(static_cast<UChar32>(c))) return true;
    return false;
}

// Calls f(key, word) for every entry whose key starts with `prefix`, in key order, once
// per key however many shards hold it: the same calls as for one database of it all.
template <typename F>
void scan(const Xapian::Database& db, const std::string& prefix, F&& f) {
    auto emit = [&](const std::string& e) {
        auto tab = e.find('\t', 3);
        if (tab != std::string::npos)
            f(std::string_view(e).substr(3, tab - 3), std::string_view(e).substr(tab + 1));
    };
    struct Cursor {
        Xapian::TermIterator it, end;
        std::string key;  // *it, or empty at the end
        void advance() { key = ++it == end ? std::string() : *it; }
    };
    std::vector<Cursor> cursors;
    for (const auto& shard : shards_of(db)) {
        Cursor c{shard.metadata_keys_begin(prefix), shard.metadata_keys_end(prefix), {}};
        if (c.it != c.end) c.key = *c.it;
        cursors.push_back(std::move(c));
    }
    for (;;) {
        const Cursor* least = nullptr;
        for (const auto& c : cursors)
            if (!c.key.empty() && (!least || c.key < least->key)) least = &c;
        if (!least) return;
        std::string key = least->key;
        emit(key);
        for (auto& c : cursors)
            if (c.key == key) c.advance();
    }
}

bool is_body_word(const std::string& term) {
    unsigned char c = static_cast<unsigned char>(term.empty() ? 'A' : term[0]);
    return !(c >= 'A' && c <= 'Z');  // prefixed terms start with a capital
}

// What OCR reads for letters, undone: digits for letters ("f6r", "Bdrs16vsskolan") and
// "rn" for "m" ("Olyrnpiagymnasiet"). Applied to both words before they are compared.
std::string undo_ocr(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size(); ++i) {
        char c = folded[i];
        if (c == 'r' && i + 1 < folded.size() && folded[i + 1] == 'n') {
            out += 'm';
            ++i;
            continue;
        }
        switch (c) {
            case '0':
            case '6':
                out += 'o';
                break;
            case '1':
                out += 'l';
                break;
            case '5':
                out += 's';
                break;
            default:
                out += c;
        }
    }
    return out;
}

// Folded words within `max_edits` of `folded` (after undoing OCR's usual misreadings),
// scanning by the first and the last few letters: a word within one edit keeps one of the
// two intact.
template <typename F>
void near_words(const Xapian::Database& db, const std::string& folded, std::size_t max_edits,
                std::size_t anchor, F&& f) {
    std::size_t n = code_points(folded).size();
    std::string plain = undo_ocr(folded);
    auto consider = [&](std::string_view key, std::string_view word, bool rev) {
        std::size_t len = code_points(key).size();
        if (len + max_edits + 1 < n || len > n + max_edits + 1) return;  // +1: "rn" for "m"
        std::string k = rev ? reversed(key) : std::string(key);
        std::size_t d = edit_distance(k, folded, max_edits);
        if (d > max_edits) d = edit_distance(undo_ocr(k), plain, max_edits);
        if (d <= max_edits) f(word, d);
    };
    scan(db, std::string(folded_key) + first_chars(folded, anchor),
         [&](std::string_view key, std::string_view word) { consider(key, word, false); });
    scan(db, std::string(reversed_key) + first_chars(reversed(folded), anchor),
         [&](std::string_view key, std::string_view word) { consider(key, word, true); });
}

}  // namespace

std::size_t edit_distance(std::string_view a_utf8, std::string_view b_utf8, std::size_t limit) {
    std::u32string a = code_points(a_utf8), b = code_points(b_utf8);
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0], best = row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}

void VocabularyWriter::add_words_of(Xapian::WritableDatabase& db, Xapian::Document& doc) {
    std::vector<std::pair<std::string, Xapian::termcount>> parts;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string& term = *it;
        if (!is_body_word(term)) continue;
        auto known = parts_.find(term);
        for (const auto& part : known != parts_.end() ? known->second : add_word(db, term))
            parts.emplace_back(compound_part_term(part), it.get_wdf());
    }
    for (const auto& [term, wdf] : parts)  // not while walking the termlist
        if (term.size() <= max_term_bytes) doc.add_term(term, wdf);
}

const std::vector<std::string>& VocabularyWriter::add_word(Xapian::WritableDatabase& db,
                                                           const std::string& word) {
    std::vector<std::string>& parts = parts_[word];
    if (!has_letter(word)) return parts;
    WordAnalysis analysis = analyze_(word);
    for (auto& part : analysis.parts)
        if (part != word) parts.push_back(std::move(part));
    std::sort(parts.begin(), parts.end());
    parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
    std::string folded = fold_diacritics(word);
    std::string marker = entry(folded_key, folded, word);
    if (!db.get_metadata(marker).empty()) return parts;  // known from an earlier run
    db.set_metadata(marker, "1");
    if (code_points(folded).size() >= 6) {
        db.set_metadata(entry(reversed_key, reversed(folded), word), "1");
        // An OCR'd word inflected ("Mérhageskolans") is one edit from the query in its stem,
        // and its damage at the front leaves only the end of the stem to anchor on.
        std::string stemmed = stem(folded);
        if (stemmed != folded && code_points(stemmed).size() >= 6)
            db.set_metadata(entry(reversed_key, reversed(stemmed), word), "1");
    }
    if (analysis.lemma && *analysis.lemma != word)
        db.set_metadata(entry(lemma_key, *analysis.lemma, word), "1");
    for (const auto& part : parts)
        db.set_metadata(entry(part_key, part, word), "1");
    return parts;
}

std::vector<WordForm> find_forms(const Xapian::Database& db, const WordAnalyzer& analyze,
                                 const std::string& word, const ExpansionLimits& limits) {
    std::vector<WordForm> forms;
    auto add = [&](std::string_view form, FormKind kind) {
        if (form == word || forms.size() >= limits.max_forms) return;
        for (const auto& f : forms)
            if (f.term == form) return;
        forms.push_back({std::string(form), kind});
    };
    std::string lemma = analyze ? analyze(word).lemma.value_or(word) : word;
    if (lemma != word && db.term_exists(lemma)) add(lemma, FormKind::inflection);
    for (const std::string& base : {lemma, word})
        scan(db, entry(lemma_key, base, ""),
             [&](std::string_view, std::string_view w) { add(w, FormKind::inflection); });

    std::string folded = fold_diacritics(word);
    std::size_t letters = code_points(folded).size();
    if (letters == 5)
        scan(db, entry(folded_key, folded, ""),
             [&](std::string_view, std::string_view w) { add(w, FormKind::variant); });
    // Both words have 6 or more letters: "bastad" must not find "basta" (bästa). The stem
    // finds the variants' inflections too ("morhageskolan": "mérhageskolans").
    auto variant = [&](std::string_view w, std::size_t) {
        if (code_points(w).size() >= 6) add(w, FormKind::variant);
    };
    if (letters >= 6) near_words(db, folded, 1, letters >= 8 ? 4 : 3, variant);
    std::string stemmed = stem(folded);
    if (letters >= 6 && stemmed != folded && code_points(stemmed).size() >= 6)
        near_words(db, stemmed, 1, code_points(stemmed).size() >= 8 ? 4 : 3, variant);

    for (const std::string& base : {lemma, word})
        scan(db, entry(part_key, base, ""),
             [&](std::string_view, std::string_view w) { add(w, FormKind::compound); });
    return forms;
}

std::string suggest_word(const Xapian::Database& db, const std::string& word) {
    std::string folded = fold_diacritics(word);
    if (code_points(folded).size() < 4) return {};
    std::string best;
    std::size_t best_distance = 3;
    Xapian::doccount best_freq = 0;
    near_words(db, folded, 2, 2, [&](std::string_view w, std::size_t d) {
        if (w == word) return;
        Xapian::doccount freq = db.get_termfreq(std::string(w));
        if (freq == 0) return;
        if (d < best_distance || (d == best_distance && freq > best_freq)) {
            best = w;
            best_distance = d;
            best_freq = freq;
        }
    });
    return best;
}

WordAnalyzer default_analyzer() {
    const Lexicon* lexicon = Lexicon::shared();
    if (!lexicon) return [](std::string_view) { return WordAnalysis{}; };
    return [lexicon](std::string_view word) {
        WordAnalysis analysis;
        analysis.lemma = lexicon->lemma(word);
        if (auto split = lexicon->split(word)) analysis.parts = std::move(split->parts);
        return analysis;
    };
}

}  // namespace minutes
