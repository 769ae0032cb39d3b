// metadata_accuracy: how well extract_meeting() reads the metadata gen-corpus wrote down.
//
//   metadata_accuracy --truth FILE.jsonl --corpus DIR [--errors FIELD] [--max N] [--repeat R]
//
// Reads each file of the truth (decoding cp1252 files and dropping '\r', as the indexer does),
// runs extract_meeting on it, and prints, for clean and OCR'd documents separately: precision
// and recall of attended names (truth "participants" against Meeting::attended()) and of
// absent names, secretary accuracy, exact-date accuracy, and the extras (partial attendance,
// topics, responsible people). Then the extraction speed, on text already in memory.
//
// Names are compared after case and diacritic folding. The truth spells names canonically even
// where the text has a variant spelling or OCR damage, so names also match at one edit
// (insert, delete, substitute) after folding; the strict figures are printed beside them.
//
// --errors attended|absent|secretary|date|partial|topics|responsible prints the documents that
// miss on that field (at most --max, default 20).
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "meeting_parser.hh"
#include "text.hh"

namespace {

using minutes::Meeting;

bool valid_utf8(std::string_view s) {
    int32_t i = 0;
    auto n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, n, c);
        if (c < 0) return false;
    }
    return true;
}

std::string from_cp1252(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    std::string out(s.size() * 3 + 1, '\0');
    int32_t len =
        ucnv_convert("UTF-8", "windows-1252", out.data(), static_cast<int32_t>(out.size()),
                     s.data(), static_cast<int32_t>(s.size()), &status);
    if (U_FAILURE(status)) return std::string(s);
    out.resize(static_cast<std::size_t>(len));
    return out;
}

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string bytes = buf.str();
    std::string text = valid_utf8(bytes) ? bytes : from_cp1252(bytes);
    text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
    return text;
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    int32_t i = 0;
    auto n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, n, c);
        out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
    }
    return out;
}

bool within_one_edit(const std::u32string& a, const std::u32string& b) {
    if (a == b) return true;
    const std::u32string& shorter = a.size() <= b.size() ? a : b;
    const std::u32string& longer = a.size() <= b.size() ? b : a;
    if (longer.size() - shorter.size() > 1) return false;
    std::size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i])
        ++i;
    if (shorter.size() == longer.size()) {
        return std::equal(shorter.begin() + i + 1, shorter.end(), longer.begin() + i + 1);
    }
    return std::equal(shorter.begin() + i, shorter.end(), longer.begin() + i + 1);
}

struct Name {
    std::string written;
    std::u32string folded;
};

std::vector<Name> names(const std::vector<std::string>& list) {
    std::vector<Name> out;
    for (const auto& n : list)
        out.push_back({n, code_points(minutes::fold_diacritics(n))});
    return out;
}

// Matches truth names to extracted names one to one: exact (folded) matches first, then
// one-edit matches when `tolerant`. Returns the number matched.
std::size_t matched(const std::vector<Name>& truth, const std::vector<Name>& found, bool tolerant,
                    std::vector<std::string>* missed = nullptr,
                    std::vector<std::string>* extra = nullptr) {
    std::vector<bool> used(found.size(), false);
    std::vector<bool> hit(truth.size(), false);
    std::size_t count = 0;
    for (int pass = 0; pass < (tolerant ? 2 : 1); ++pass) {
        for (std::size_t t = 0; t < truth.size(); ++t) {
            if (hit[t]) continue;
            for (std::size_t f = 0; f < found.size(); ++f) {
                if (used[f]) continue;
                bool same = pass == 0 ? truth[t].folded == found[f].folded
                                      : within_one_edit(truth[t].folded, found[f].folded);
                if (same) {
                    used[f] = hit[t] = true;
                    ++count;
                    break;
                }
            }
        }
    }
    if (missed)
        for (std::size_t t = 0; t < truth.size(); ++t)
            if (!hit[t]) missed->push_back(truth[t].written);
    if (extra)
        for (std::size_t f = 0; f < found.size(); ++f)
            if (!used[f]) extra->push_back(found[f].written);
    return count;
}

struct Score {
    std::size_t truth = 0, found = 0, strict = 0, tolerant = 0;
    void add(const std::vector<Name>& t, const std::vector<Name>& f) {
        truth += t.size();
        found += f.size();
        strict += matched(t, f, false);
        tolerant += matched(t, f, true);
    }
};

struct Rate {
    std::size_t total = 0, right = 0;
    void add(bool ok) {
        ++total;
        right += ok ? 1 : 0;
    }
};

struct Tally {
    std::size_t docs = 0;
    Score attended, absent, partial, topics, responsible;
    Rate secretary, secretary_strict, date;
    std::size_t date_found = 0, date_right = 0, date_truth = 0;
};

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 1.0 : double(a) / double(b);
}

void print_score(const char* label, const Score& s) {
    std::printf("  %-24s P %.4f  R %.4f   (strict P %.4f  R %.4f)   truth %zu, found %zu\n", label,
                ratio(s.tolerant, s.found), ratio(s.tolerant, s.truth), ratio(s.strict, s.found),
                ratio(s.strict, s.truth), s.truth, s.found);
}

void print_tally(const char* heading, const Tally& t) {
    std::printf("%s: %zu documents\n", heading, t.docs);
    print_score("attended names", t.attended);
    print_score("absent names", t.absent);
    std::printf("  %-24s accuracy %.4f   (strict %.4f)\n", "secretary",
                ratio(t.secretary.right, t.secretary.total),
                ratio(t.secretary_strict.right, t.secretary_strict.total));
    std::printf("  %-24s accuracy %.4f   (dated: truth %zu, found %zu, right %zu; P %.4f R %.4f)\n",
                "exact date", ratio(t.date.right, t.date.total), t.date_truth, t.date_found,
                t.date_right, ratio(t.date_right, t.date_found), ratio(t.date_right, t.date_truth));
    print_score("extra: partial names", t.partial);
    print_score("extra: topics", t.topics);
    print_score("extra: responsible", t.responsible);
}

std::vector<std::string> strings(const nlohmann::json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : " | ") + s;
    return out;
}

struct Doc {
    nlohmann::json truth;
    std::string text;
};

}  // namespace

int main(int argc, char** argv) {
    std::string truth_path, corpus_dir, errors_field;
    std::size_t max_errors = 20, repeat = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--truth")
            truth_path = argv[i + 1];
        else if (arg == "--corpus")
            corpus_dir = argv[i + 1];
        else if (arg == "--errors")
            errors_field = argv[i + 1];
        else if (arg == "--max")
            max_errors = std::stoul(argv[i + 1]);
        else if (arg == "--repeat")
            repeat = std::stoul(argv[i + 1]);
        else {
            std::cerr << "unknown option " << arg << "\n";
            return 2;
        }
    }
    if (truth_path.empty() || corpus_dir.empty()) {
        std::cerr << "usage: metadata_accuracy --truth FILE.jsonl --corpus DIR [--errors FIELD]"
                     " [--max N] [--repeat R]\n";
        return 2;
    }

    std::vector<Doc> docs;
    std::ifstream truth_in(truth_path);
    std::string line;
    std::size_t bytes = 0;
    while (std::getline(truth_in, line)) {
        if (line.empty()) continue;
        Doc doc{nlohmann::json::parse(line), {}};
        auto text = read_text(corpus_dir + "/" + doc.truth.at("file").get<std::string>());
        if (!text) {
            std::cerr << "cannot read " << doc.truth.at("file") << "\n";
            return 1;
        }
        doc.text = std::move(*text);
        bytes += doc.text.size();
        docs.push_back(std::move(doc));
    }
    if (docs.empty()) {
        std::cerr << "no documents in " << truth_path << "\n";
        return 1;
    }

    std::vector<Meeting> meetings(docs.size());
    double best = 1e100;
    for (std::size_t r = 0; r < std::max<std::size_t>(repeat, 1); ++r) {
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < docs.size(); ++i)
            meetings[i] = minutes::extract_meeting(docs[i].text);
        std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }

    Tally clean, ocr;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto& t = docs[i].truth;
        const Meeting& m = meetings[i];
        bool is_ocr = t.value("ocr", false);
        Tally& tally = is_ocr ? ocr : clean;
        ++tally.docs;

        auto truth_attended = names(strings(t["participants"]));
        auto found_attended = names(m.attended());
        tally.attended.add(truth_attended, found_attended);
        auto truth_absent = names(strings(t["absent"]));
        auto found_absent = names(m.absent);
        tally.absent.add(truth_absent, found_absent);

        std::vector<std::string> truth_partial, found_partial;
        for (const auto& p : t["partial"])
            truth_partial.push_back(p.value("name", ""));
        for (const auto& p : m.partial)
            found_partial.push_back(p.name);
        tally.partial.add(names(truth_partial), names(found_partial));
        tally.topics.add(names(strings(t["topics"])), names(m.topics));
        std::vector<std::string> found_responsible;
        for (const auto& r : m.responsibilities)
            for (const auto& p : r.people)
                found_responsible.push_back(p);
        // The truth lists each person once, and only people, not group entries ("Alla
        // verksamhetschefer", "IT-avdelningen") nor first names alone (which it resolves to the
        // full name): count the distinct entries that are names of two or more capitalised
        // words.
        auto truth_responsible = strings(t["responsible"]);
        std::vector<std::string> people_found;
        for (const auto& p : found_responsible) {
            bool person = p.find(' ') != std::string::npos;
            for (std::size_t k = 0; k < p.size(); ++k)
                if ((k == 0 || p[k - 1] == ' ') && std::islower(static_cast<unsigned char>(p[k])))
                    person = false;
            bool seen =
                std::find(people_found.begin(), people_found.end(), p) != people_found.end();
            if (person && !seen) people_found.push_back(p);
        }
        tally.responsible.add(names(truth_responsible), names(people_found));

        std::optional<std::string> truth_secretary;
        if (t["secretary"].is_string()) truth_secretary = t["secretary"].get<std::string>();
        bool secretary_strict = truth_secretary.has_value() == m.secretary.has_value();
        bool secretary_ok = secretary_strict;
        if (truth_secretary && m.secretary) {
            auto a = code_points(minutes::fold_diacritics(*truth_secretary));
            auto b = code_points(minutes::fold_diacritics(*m.secretary));
            secretary_strict = a == b;
            secretary_ok = within_one_edit(a, b);
        }
        tally.secretary.add(secretary_ok);
        tally.secretary_strict.add(secretary_strict);

        std::string truth_date = t["date"].is_string() ? t["date"].get<std::string>() : "";
        std::string found_date = m.date ? m.date->iso() : "";
        tally.date.add(truth_date == found_date);
        if (!truth_date.empty()) ++tally.date_truth;
        if (!found_date.empty()) ++tally.date_found;
        if (!found_date.empty() && truth_date == found_date) ++tally.date_right;

        if (errors_field.empty() || shown >= max_errors) continue;
        std::vector<std::string> missed, extra;
        std::string truth_value, found_value;
        bool wrong = false;
        if (errors_field == "attended" || errors_field == "absent" || errors_field == "partial" ||
            errors_field == "topics" || errors_field == "responsible") {
            std::vector<Name> tn, fn;
            if (errors_field == "attended") tn = truth_attended, fn = found_attended;
            if (errors_field == "absent") tn = truth_absent, fn = found_absent;
            if (errors_field == "partial") tn = names(truth_partial), fn = names(found_partial);
            if (errors_field == "topics") tn = names(strings(t["topics"])), fn = names(m.topics);
            if (errors_field == "responsible")
                tn = names(truth_responsible), fn = names(people_found);
            matched(tn, fn, true, &missed, &extra);
            wrong = !missed.empty() || !extra.empty();
        } else if (errors_field == "secretary") {
            wrong = !secretary_ok;
            truth_value = truth_secretary.value_or("null");
            found_value = m.secretary.value_or("null");
        } else if (errors_field == "date") {
            wrong = truth_date != found_date;
            truth_value = truth_date;
            found_value = found_date;
        }
        if (!wrong) continue;
        ++shown;
        std::printf("%s%s\n", t["file"].get<std::string>().c_str(), is_ocr ? " (ocr)" : "");
        if (!missed.empty() || !extra.empty()) {
            std::printf("  missed: %s\n  extra:  %s\n", join(missed).c_str(), join(extra).c_str());
        } else {
            std::printf("  truth: %s\n  found: %s\n", truth_value.c_str(), found_value.c_str());
        }
    }
    if (!errors_field.empty()) std::printf("\n");

    std::printf(
        "Names are compared after case and diacritic folding; a one-edit difference\n"
        "after folding also counts as a match (the truth spells names canonically even\n"
        "where the text has a variant or OCR damage). Strict figures: exact after folding.\n\n");
    print_tally("clean (\"ocr\": false)", clean);
    std::printf("\n");
    print_tally("OCR'd (\"ocr\": true)", ocr);
    std::printf(
        "\nextraction: %zu documents, %.1f MB in %.3f s: %.0f documents/s, %.1f MB/s "
        "(one core, best of %zu)\n",
        docs.size(), double(bytes) / 1e6, best, double(docs.size()) / best,
        double(bytes) / 1e6 / best, std::max<std::size_t>(repeat, 1));
    return 0;
}
