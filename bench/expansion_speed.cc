// expansion_speed: how fast a query word finds its other forms in a large archive's vocabulary.
//
//   expansion_speed --corpus DIR --db PATH [--queries N] [--rebuild] [--slowest K] [--json]
//
// Indexes the archive under DIR into the database at PATH with update_index(), exactly as
// minutes-index does (documents, terms and the vocabulary entries of vocabulary.hh), unless
// PATH already holds documents (then it is reused; --rebuild forces a fresh index). Prints the
// number of documents, the vocabulary size (distinct body words: "~f:" metadata keys) and the
// build time.
//
// Then times, for a fixed mix of N query words, find_forms() (the expansion), word_query()
// (the expansion as a Xapian query) and a whole search() with the default options, and the
// same search with --exact (no expansion) for comparison. The mix is deterministic: words
// sampled evenly from the vocabulary in four length classes (<5, 5, 6-7, 8+ letters: the
// classes find_forms treats differently), Swedish words typed with their diacritics, and
// OCR-damaged words the vocabulary does not hold. Query words are case-folded first, as the
// query parser does.
//
// Reports p50/p95/p99/max and throughput, the forms found, the metadata keys that the prefix
// scans of find_forms go through (the main cost), a breakdown by word class, and the slowest
// words. --json prints the same as one JSON object.
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <xapian.h>

#include "index_writer.hh"
#include "lexicon.hh"
#include "query_parser.hh"
#include "search.hh"
#include "terms.hh"
#include "text.hh"
#include "vocabulary.hh"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::ordered_json;

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

std::size_t letters(std::string_view s) {
    return minutes::code_points(s).size();
}

// `s` padded with spaces to `width` letters.
std::string pad(std::string s, std::size_t width) {
    std::size_t n = letters(s);
    if (n < width) s.append(width - n, ' ');
    return s;
}

// ---------------------------------------------------------------------------------------------
// The database.

struct Build {
    bool reused = false;
    double seconds = 0;
    std::size_t indexed = 0;
    std::size_t skipped = 0;
};

Build build_database(const std::string& corpus, const std::string& db_path, bool rebuild) {
    Build build;
    std::error_code ec;
    if (!rebuild && fs::exists(db_path, ec)) {
        try {
            Xapian::Database db(db_path);
            if (db.get_doccount() > 0) {
                build.reused = true;
                return build;
            }
        } catch (const Xapian::Error&) {
            // not a database yet: build it
        }
    }
    minutes::IndexOptions options;
    options.db_path = db_path;
    options.roots = {corpus};
    options.full = true;
    auto started = Clock::now();
    options.on_progress = [&](const minutes::IndexProgress& p) {
        if (p.files_done > 0 && p.files_done % 10000 == 0)
            std::fprintf(stderr, "expansion_speed: indexed %zu of %zu files (%.0f s)\n",
                         p.files_done, p.files_seen, micros_since(started) / 1e6);
    };
    minutes::IndexSummary summary = minutes::update_index(options);
    build.seconds = summary.seconds;
    build.indexed = summary.indexed + summary.updated;
    build.skipped = summary.skipped.size();
    return build;
}

std::size_t count_keys(const Xapian::Database& db, const std::string& prefix) {
    std::size_t n = 0;
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
        ++n;
    return n;
}

// ---------------------------------------------------------------------------------------------
// The query mix.

enum Kind { shorter, five, six_seven, eight_plus, typed, damaged, kinds };
constexpr const char* kind_names[kinds] = {"vocab <5", "vocab 5", "vocab 6-7",
                                           "vocab 8+", "typed",   "damaged"};

struct QueryWord {
    std::string word;  // case-folded, as the query parser hands it to word_query
    Kind kind;
};

// Swedish words as a user types them, with their diacritics.
const std::vector<std::string> typed_words = {"Återkoppling",
                                              "läroplan",
                                              "uppföljning",
                                              "verksamhetsplan",
                                              "skola",
                                              "matematik",
                                              "möte",
                                              "förskola",
                                              "grundskolan",
                                              "elevhälsa",
                                              "rektor",
                                              "budget",
                                              "måluppfyllelse",
                                              "förvaltningen",
                                              "barn",
                                              "närvaro",
                                              "utvecklingsarbete",
                                              "kvalitetsarbete",
                                              "ledningsgrupp",
                                              "skolgård"};

// OCR damage written by hand: l read as 1, rn as m, letters swapped or dropped.
const std::vector<std::string> damaged_words = {
    "återkopp1ing",  "uppfö1jning",     "verksarnhetsplan", "rnatematik",
    "elevhä1sa",     "läropaln",        "försko1a",         "grundsko1an",
    "ledningsgrupo", "kvalitetsarbtee", "utvecklingsarbe",  "verksamhetsdia1og"};

// An OCR-like change of an ASCII letter in `word`, one of several chosen by `variant`; the
// word itself when that change does not apply.
std::string damage(const std::string& word, std::size_t variant) {
    std::string w = word;
    auto replace = [&](std::string_view from, std::string_view to) {
        auto at = w.find(from, w.size() / 3);
        if (at == std::string::npos) at = w.find(from);
        if (at != std::string::npos) w.replace(at, from.size(), to);
    };
    switch (variant % 6) {
        case 0:
            replace("l", "1");
            break;
        case 1:
            replace("rn", "m");
            if (w == word) replace("m", "rn");
            break;
        case 2:
            replace("e", "c");
            break;
        case 3:
            replace("o", "0");
            break;
        case 4: {  // two letters swapped in the middle
            std::size_t mid = w.size() / 2;
            if (mid + 1 < w.size() && std::isalpha(static_cast<unsigned char>(w[mid])) &&
                std::isalpha(static_cast<unsigned char>(w[mid + 1])) && w[mid] != w[mid + 1])
                std::swap(w[mid], w[mid + 1]);
            break;
        }
        default: {  // one letter dropped, then one doubled: two edits
            std::size_t mid = w.size() / 2;
            if (std::isalpha(static_cast<unsigned char>(w[mid]))) {
                w.erase(mid, 1);
                if (mid + 1 < w.size() && std::isalpha(static_cast<unsigned char>(w[mid + 1])))
                    w.insert(mid + 1, 1, w[mid + 1]);
            }
        }
    }
    return w;
}

std::vector<QueryWord> query_mix(const Xapian::Database& db, std::size_t n,
                                 std::size_t& dropped_damaged) {
    // The vocabulary's words by length class, in key order.
    std::vector<std::string> by_class[4];
    const std::string prefix = "~f:";
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        const std::string& e = *it;
        auto tab = e.find('\t', 3);
        if (tab == std::string::npos) continue;
        std::size_t len = letters(std::string_view(e).substr(3, tab - 3));
        Kind kind = len < 5 ? shorter : len == 5 ? five : len < 8 ? six_seven : eight_plus;
        by_class[kind].push_back(e.substr(tab + 1));
    }

    std::size_t n_typed = std::min(typed_words.size(), n / 10);
    std::size_t n_damaged = n / 10;
    std::size_t n_vocab = n - n_typed - n_damaged;
    std::vector<std::vector<QueryWord>> lists(kinds);
    for (int k = 0; k < 4; ++k) {
        std::size_t want = n_vocab / 4 + (static_cast<std::size_t>(k) < n_vocab % 4 ? 1 : 0);
        const auto& words = by_class[k];
        want = std::min(want, words.size());
        for (std::size_t i = 0; i < want; ++i)  // every k-th word, evenly spread
            lists[k].push_back({words[(2 * i + 1) * words.size() / (2 * want)], Kind(k)});
    }
    for (std::size_t i = 0; i < n_typed; ++i)
        lists[typed].push_back({minutes::fold_case(typed_words[i]), typed});

    // Damaged words: the hand-written ones, then changed vocabulary words of 6+ letters.
    std::vector<std::string> candidates;
    for (const auto& w : damaged_words)
        candidates.push_back(minutes::fold_case(w));
    const auto& long_words = lists[eight_plus].empty() ? lists[six_seven] : lists[eight_plus];
    for (std::size_t i = 0; i < long_words.size() * 6 && candidates.size() < 20 * n; ++i)
        candidates.push_back(
            damage(long_words[i % long_words.size()].word, i + i / long_words.size()));
    dropped_damaged = 0;
    for (const auto& c : candidates) {
        if (lists[damaged].size() >= n_damaged) break;
        bool duplicate = std::any_of(lists[damaged].begin(), lists[damaged].end(),
                                     [&](const QueryWord& q) { return q.word == c; });
        if (duplicate) continue;
        if (db.term_exists(c)) {
            ++dropped_damaged;  // the archive holds this damage itself
            continue;
        }
        lists[damaged].push_back({c, damaged});
    }

    // Interleaved, so that every class is timed across the whole run.
    std::vector<QueryWord> mix;
    for (std::size_t i = 0;; ++i) {
        bool any = false;
        for (const auto& list : lists)
            if (i < list.size()) {
                mix.push_back(list[i]);
                any = true;
            }
        if (!any) break;
    }
    return mix;
}

// How many metadata keys the prefix scans of find_forms() go through for `word` (mirrors
// vocabulary.cc: lemma and word entries, the folded word for 5 letters, the first and last
// 3-4 letters for 6+, the compound parts).
std::size_t keys_scanned(const Xapian::Database& db, const minutes::WordAnalyzer& analyze,
                         const std::string& word) {
    std::string lemma = analyze(word).lemma.value_or(word);
    std::string folded = minutes::fold_diacritics(word);
    std::u32string f = minutes::code_points(folded);
    std::size_t n = 0;
    for (const std::string& base : {lemma, word})
        n += count_keys(db, "~l:" + base + "\t") + count_keys(db, "~p:" + base + "\t");
    if (f.size() == 5) n += count_keys(db, "~f:" + folded + "\t");
    if (f.size() >= 6) {
        std::size_t anchor = f.size() >= 8 ? 4 : 3;
        std::u32string r(f.rbegin(), f.rend());
        n += count_keys(db, "~f:" + minutes::utf8(f.substr(0, anchor)));
        n += count_keys(db, "~r:" + minutes::utf8(r.substr(0, anchor)));
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// Statistics.

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double mean(const std::vector<double>& v) {
    double sum = 0;
    for (double x : v)
        sum += x;
    return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

double total(const std::vector<double>& v) {
    return mean(v) * static_cast<double>(v.size());
}

ordered_json summary(const std::vector<double>& v, double scale) {
    return {{"p50", percentile(v, 0.5) * scale},
            {"p95", percentile(v, 0.95) * scale},
            {"p99", percentile(v, 0.99) * scale},
            {"max", percentile(v, 1.0) * scale},
            {"mean", mean(v) * scale},
            {"per_second", total(v) > 0 ? 1e6 * static_cast<double>(v.size()) / total(v) : 0}};
}

std::string line(const char* label, const std::vector<double>& v, double scale, const char* unit) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%-14s p50 %8.1f  p95 %8.1f  p99 %8.1f  max %8.1f %s   mean %8.1f   %8.0f/s",
                  label, percentile(v, 0.5) * scale, percentile(v, 0.95) * scale,
                  percentile(v, 0.99) * scale, percentile(v, 1.0) * scale, unit, mean(v) * scale,
                  total(v) > 0 ? 1e6 * static_cast<double>(v.size()) / total(v) : 0.0);
    return buf;
}

struct Sample {
    QueryWord query;
    double forms_us = 0;   // find_forms
    double query_us = 0;   // word_query
    double search_us = 0;  // search, default options
    double exact_us = 0;   // search --exact
    std::size_t forms = 0;
    std::size_t keys = 0;
    Xapian::doccount matches = 0;
    bool error = false;
};

template <typename F>
std::vector<double> field(const std::vector<Sample>& samples, F&& f, int kind = -1) {
    std::vector<double> out;
    for (const auto& s : samples)
        if (kind < 0 || s.query.kind == kind) out.push_back(static_cast<double>(f(s)));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string corpus, db_path;
    std::size_t n_queries = 500, slowest = 10;
    bool json = false, rebuild = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        bool has_value = i + 1 < argc;
        if (arg == "--json")
            json = true;
        else if (arg == "--rebuild")
            rebuild = true;
        else if (arg == "--corpus" && has_value)
            corpus = argv[++i];
        else if (arg == "--db" && has_value)
            db_path = argv[++i];
        else if (arg == "--queries" && has_value)
            n_queries = std::stoul(argv[++i]);
        else if (arg == "--slowest" && has_value)
            slowest = std::stoul(argv[++i]);
        else {
            std::cerr << "unknown option " << arg << "\n";
            return 2;
        }
    }
    if (db_path.empty() || n_queries == 0) {
        std::cerr << "usage: expansion_speed --corpus DIR --db PATH [--queries N] [--rebuild]"
                     " [--slowest K] [--json]\n";
        return 2;
    }

    Build build;
    try {
        std::error_code ec;
        bool have_db = fs::exists(db_path, ec);
        if (corpus.empty() && (!have_db || rebuild)) {
            std::cerr << "expansion_speed: --corpus is needed to build " << db_path << "\n";
            return 2;
        }
        build = build_database(corpus, db_path, rebuild);
    } catch (const std::exception& e) {
        std::cerr << "expansion_speed: cannot build the database: " << e.what() << "\n";
        return 1;
    }

    Xapian::Database db(db_path);
    const bool lexicon = minutes::Lexicon::shared() != nullptr;
    const minutes::WordAnalyzer analyze = minutes::default_analyzer();
    std::map<std::string, std::size_t> keys;
    for (const char* prefix : {"~f:", "~r:", "~l:", "~p:"})
        keys[prefix] = count_keys(db, prefix);

    std::size_t dropped_damaged = 0;
    std::vector<Sample> samples;
    for (auto& q : query_mix(db, n_queries, dropped_damaged))
        samples.push_back({std::move(q)});

    // The first lookups of a process touch the database and the lexicon for the first time:
    // timed apart, as every minutes-query process pays them once.
    double first_us = 0;
    for (const char* word : {"mötet", "protokollet"}) {
        auto start = Clock::now();
        minutes::find_forms(db, analyze, word);
        first_us += micros_since(start);
    }

    // find_forms alone, the first time each word is looked up.
    for (auto& s : samples) {
        auto start = Clock::now();
        auto forms = minutes::find_forms(db, analyze, s.query.word);
        s.forms_us = micros_since(start);
        s.forms = forms.size();
    }
    // word_query: the expansion turned into the Xapian query (stem, forms and weights).
    minutes::WordExpansion expansion{&db, analyze, {}};
    for (auto& s : samples) {
        minutes::Token token{s.query.word, s.query.word, 0, 1, false};
        auto start = Clock::now();
        Xapian::Query query = minutes::word_query(token, false, expansion);
        s.query_us = micros_since(start);
    }
    // A whole search of the word, with the default options, then literally (--exact).
    for (auto& s : samples) {
        for (bool exact : {false, true}) {
            minutes::SearchOptions options;
            options.query = s.query.word;
            options.exact = exact;
            auto start = Clock::now();
            try {
                auto results = minutes::search(db, options);
                if (!exact) s.matches = results.total;
            } catch (const std::exception&) {
                s.error = true;
            }
            (exact ? s.exact_us : s.search_us) = micros_since(start);
        }
    }
    for (auto& s : samples)
        s.keys = keys_scanned(db, analyze, s.query.word);

    auto forms_us = field(samples, [](const Sample& s) { return s.forms_us; });
    auto query_us = field(samples, [](const Sample& s) { return s.query_us; });
    auto search_us = field(samples, [](const Sample& s) { return s.search_us; });
    auto exact_us = field(samples, [](const Sample& s) { return s.exact_us; });
    auto forms = field(samples, [](const Sample& s) { return s.forms; });
    auto scanned = field(samples, [](const Sample& s) { return s.keys; });
    std::size_t errors = 0, at_cap = 0, kind_count[kinds] = {};
    for (const auto& s : samples) {
        errors += s.error;
        at_cap += s.forms >= minutes::ExpansionLimits{}.max_forms;
        ++kind_count[s.query.kind];
    }
    double share = total(search_us) > 0 ? total(query_us) / total(search_us) : 0;

    std::vector<const Sample*> slow;
    for (const auto& s : samples)
        slow.push_back(&s);
    std::sort(slow.begin(), slow.end(),
              [](const Sample* a, const Sample* b) { return a->forms_us > b->forms_us; });
    slow.resize(std::min(slow.size(), slowest));

    if (json) {
        ordered_json out;
        out["documents"] = db.get_doccount();
        out["vocabulary"] = keys["~f:"];
        out["metadata_keys"] = keys;
        out["lexicon"] = lexicon;
        out["build"] = {{"reused", build.reused},
                        {"seconds", build.seconds},
                        {"indexed", build.indexed},
                        {"skipped", build.skipped}};
        out["queries"] = samples.size();
        out["damaged_in_vocabulary_dropped"] = dropped_damaged;
        out["find_forms_us"] = summary(forms_us, 1);
        out["word_query_us"] = summary(query_us, 1);
        out["search_ms"] = summary(search_us, 1e-3);
        out["search_exact_ms"] = summary(exact_us, 1e-3);
        out["search_errors"] = errors;
        out["expansion_share_of_search"] = share;
        out["forms"] = {{"mean", mean(forms)}, {"max", percentile(forms, 1)}, {"at_cap", at_cap}};
        out["first_lookups_us"] = first_us;
        out["keys_scanned"] = {{"mean", mean(scanned)}, {"max", percentile(scanned, 1)}};
        ordered_json by_kind = ordered_json::object();
        for (int k = 0; k < kinds; ++k) {
            auto get = [&](auto f) { return field(samples, f, k); };
            by_kind[kind_names[k]] = {
                {"n", kind_count[k]},
                {"find_forms_us", summary(get([](const Sample& s) { return s.forms_us; }), 1)},
                {"forms_mean", mean(get([](const Sample& s) { return s.forms; }))},
                {"keys_scanned_mean", mean(get([](const Sample& s) { return s.keys; }))},
                {"search_ms", summary(get([](const Sample& s) { return s.search_us; }), 1e-3)}};
        }
        out["by_kind"] = by_kind;
        ordered_json slow_json = ordered_json::array();
        for (const Sample* s : slow)
            slow_json.push_back({{"word", s->query.word},
                                 {"kind", kind_names[s->query.kind]},
                                 {"find_forms_us", s->forms_us},
                                 {"forms", s->forms},
                                 {"keys_scanned", s->keys},
                                 {"search_ms", s->search_us / 1e3}});
        out["slowest"] = slow_json;
        std::cout << out.dump(2) << "\n";
        return 0;
    }

    std::printf("archive: %u documents, vocabulary %zu words (\"~f:\" keys)\n", db.get_doccount(),
                keys["~f:"]);
    std::printf("metadata: ~f: %zu  ~r: %zu  ~l: %zu  ~p: %zu   lexicon: %s\n", keys["~f:"],
                keys["~r:"], keys["~l:"], keys["~p:"], lexicon ? "yes" : "no (no lemmas)");
    if (build.reused)
        std::printf("database: reused %s\n", db_path.c_str());
    else
        std::printf("database: built in %.1f s (%zu files indexed, %zu skipped, %.0f files/s)\n",
                    build.seconds, build.indexed, build.skipped,
                    build.seconds > 0 ? static_cast<double>(build.indexed) / build.seconds : 0.0);
    std::printf("queries: %zu  (", samples.size());
    for (int k = 0; k < kinds; ++k)
        std::printf("%s%s %zu", k ? ", " : "", kind_names[k], kind_count[k]);
    std::printf("; %zu damaged candidates dropped as the archive holds them)\n\n", dropped_damaged);

    std::printf("%s\n", line("find_forms", forms_us, 1, "µs").c_str());
    std::printf("%s\n", line("word_query", query_us, 1, "µs").c_str());
    std::printf("%s\n", line("search", search_us, 1e-3, "ms").c_str());
    std::printf("%s\n", line("search exact", exact_us, 1e-3, "ms").c_str());
    std::printf("forms per word: mean %.1f, max %.0f, %zu at the cap of %zu\n", mean(forms),
                percentile(forms, 1), at_cap, minutes::ExpansionLimits{}.max_forms);
    std::printf("first two lookups of the process (not in the figures): %.1f µs\n", first_us);
    std::printf("metadata keys scanned per word: mean %.0f, max %.0f\n", mean(scanned),
                percentile(scanned, 1));
    std::printf("expansion (word_query) share of search time: %.1f%%%s\n\n", 100 * share,
                errors ? " (some searches failed to parse)" : "");

    std::printf("%-10s %4s  %26s  %7s  %8s  %17s\n", "class", "n", "find_forms p50/p95/max µs",
                "forms", "keys", "search p50/p95 ms");
    for (int k = 0; k < kinds; ++k) {
        auto f = field(
            samples, [](const Sample& s) { return s.forms_us; }, k);
        auto se = field(
            samples, [](const Sample& s) { return s.search_us; }, k);
        std::printf("%-10s %4zu  %8.1f %8.1f %8.1f  %7.1f  %8.0f  %8.2f %8.2f\n", kind_names[k],
                    kind_count[k], percentile(f, 0.5), percentile(f, 0.95), percentile(f, 1),
                    mean(field(
                        samples, [](const Sample& s) { return s.forms; }, k)),
                    mean(field(
                        samples, [](const Sample& s) { return s.keys; }, k)),
                    percentile(se, 0.5) * 1e-3, percentile(se, 0.95) * 1e-3);
    }
    std::printf("\nslowest find_forms:\n");
    for (const Sample* s : slow)
        std::printf("  %s %-10s %9.1f µs  %4zu forms  %7zu keys  search %7.2f ms\n",
                    pad(s->query.word, 28).c_str(), kind_names[s->query.kind], s->forms_us,
                    s->forms, s->keys, s->search_us / 1e3);
    return 0;
}
