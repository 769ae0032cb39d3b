// duplicates_accuracy: how well near-duplicate fingerprints find the copies of one meeting.
//
//   duplicates_accuracy --truth FILE.jsonl --corpus DIR [--examples N] [--repeat R]
//                       [--seeds DIR]
//
// Decodes each file of the truth as the indexer does (decode_document), fingerprints it, and
// groups the files as the indexer will: in file order, each file's candidates are the earlier
// files sharing a band key; it joins the group of the first candidate (in file order) that
// same_meeting() accepts, else starts a group. Prints pairwise precision and recall of
// "same meeting" against the truth meeting_id, wrong merges and misses with examples,
// candidates per document and the fingerprinting speed. Then groups the seed corpus (--seeds,
// default the project's corpus/) and prints its groups.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "encoding.hh"
#include "near_duplicates.hh"

namespace {

using minutes::Fingerprint;

struct Doc {
    std::string file;
    std::string meeting;  // truth meeting_id; empty without truth
    std::string text;
    Fingerprint print;
};

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buf;
    buf << in.rdbuf();
    auto decoded = minutes::decode_document(buf.str());
    if (auto* text = std::get_if<minutes::DecodedText>(&decoded)) return std::move(text->text);
    return std::nullopt;
}

std::optional<std::vector<Doc>> read_truth(const std::string& truth, const std::string& dir) {
    std::vector<Doc> docs;
    std::ifstream in(truth);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line);
        Doc doc{j.at("file").get<std::string>(), j.at("meeting_id").get<std::string>(), {}, {}};
        auto text = read_text(dir + "/" + doc.file);
        if (!text) {
            std::cerr << "cannot read " << doc.file << "\n";
            return std::nullopt;
        }
        doc.text = std::move(*text);
        docs.push_back(std::move(doc));
    }
    return docs;
}

std::vector<Doc> read_dir(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    std::vector<Doc> docs;
    for (const auto& name : names)
        if (auto text = read_text(dir + "/" + name)) docs.push_back({name, "", *text, {}});
    return docs;
}

// Fingerprints every document; returns the best time of `repeat` runs in seconds.
double fingerprint_all(std::vector<Doc>& docs, std::size_t repeat) {
    double best = 1e100;
    for (std::size_t r = 0; r < std::max<std::size_t>(repeat, 1); ++r) {
        auto start = std::chrono::steady_clock::now();
        for (auto& doc : docs)
            doc.print = minutes::fingerprint(doc.text);
        std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }
    return best;
}

struct Grouping {
    std::vector<std::size_t> group;  // per document: the index of its group's first document
    std::vector<std::set<std::size_t>> candidates;  // per document: earlier documents
};

// Groups documents as the indexer does (see the file comment).
Grouping group_documents(const std::vector<Doc>& docs) {
    Grouping g{std::vector<std::size_t>(docs.size()),
               std::vector<std::set<std::size_t>>(docs.size())};
    std::unordered_map<std::string, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        auto keys = minutes::band_keys(docs[i].print);
        for (const auto& key : keys)
            for (std::size_t earlier : by_key[key])
                g.candidates[i].insert(earlier);
        g.group[i] = i;
        for (std::size_t c : g.candidates[i]) {
            if (minutes::same_meeting(docs[c].print, docs[i].print)) {
                g.group[i] = g.group[c];
                break;
            }
        }
        for (const auto& key : keys)
            by_key[key].push_back(i);
    }
    return g;
}

struct PairError {
    std::size_t a, b;
    double similarity;
    bool candidate;
};

struct Score {
    std::size_t predicted = 0, truth = 0, right = 0;
    std::vector<PairError> wrong, missed;
};

std::size_t pairs(std::size_t n) {
    return n * (n - 1) / 2;
}

bool is_candidate(const Grouping& g, std::size_t a, std::size_t b) {
    return g.candidates[std::max(a, b)].count(std::min(a, b)) > 0;
}

Score score(const std::vector<Doc>& docs, const Grouping& g) {
    Score s;
    std::map<std::size_t, std::vector<std::size_t>> groups;
    std::map<std::string, std::vector<std::size_t>> meetings;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        groups[g.group[i]].push_back(i);
        meetings[docs[i].meeting].push_back(i);
    }
    auto error = [&](std::size_t a, std::size_t b) {
        return PairError{a, b, minutes::similarity(docs[a].print, docs[b].print),
                         is_candidate(g, a, b)};
    };
    for (const auto& [first, members] : groups) {
        s.predicted += pairs(members.size());
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = x + 1; y < members.size(); ++y) {
                bool same = docs[members[x]].meeting == docs[members[y]].meeting;
                s.right += same;
                if (!same) s.wrong.push_back(error(members[x], members[y]));
            }
    }
    for (const auto& [id, members] : meetings) {
        s.truth += pairs(members.size());
        for (std::size_t x = 0; x < members.size(); ++x)
            for (std::size_t y = x + 1; y < members.size(); ++y)
                if (g.group[members[x]] != g.group[members[y]])
                    s.missed.push_back(error(members[x], members[y]));
    }
    return s;
}

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 1.0 : double(a) / double(b);
}

void print_errors(const char* heading, const std::vector<Doc>& docs,
                  const std::vector<PairError>& errors, std::size_t max) {
    std::printf("%s: %zu\n", heading, errors.size());
    for (std::size_t k = 0; k < errors.size() && k < max; ++k) {
        const auto& e = errors[k];
        std::printf("  %s  %s  similarity %.3f  %s  words %u/%u\n", docs[e.a].file.c_str(),
                    docs[e.b].file.c_str(), e.similarity,
                    e.candidate ? "candidate" : "no shared band", docs[e.a].print.words,
                    docs[e.b].print.words);
    }
}

// The similarity distribution near the threshold: lowest of true pairs, highest of others.
void print_margins(const std::vector<Doc>& docs, const Grouping& g) {
    double lowest_true = 1.0, highest_false = 0.0;
    for (std::size_t i = 0; i < docs.size(); ++i)
        for (std::size_t c : g.candidates[i]) {
            double s = minutes::similarity(docs[c].print, docs[i].print);
            if (docs[c].meeting != docs[i].meeting) highest_false = std::max(highest_false, s);
        }
    std::map<std::string, std::vector<std::size_t>> meetings;
    for (std::size_t i = 0; i < docs.size(); ++i)
        meetings[docs[i].meeting].push_back(i);
    for (const auto& [id, m] : meetings)
        for (std::size_t x = 0; x + 1 < m.size(); ++x)
            lowest_true =
                std::min(lowest_true, minutes::similarity(docs[m[x]].print, docs[m[x + 1]].print));
    std::printf(
        "similarity: lowest of same-meeting pairs %.3f, highest of other candidate pairs %.3f "
        "(threshold %.3f)\n",
        lowest_true, highest_false, minutes::same_meeting_threshold);
}

void print_candidates(const Grouping& g) {
    std::size_t total = 0, most = 0;
    for (const auto& c : g.candidates) {
        total += c.size();
        most = std::max(most, c.size());
    }
    std::printf("candidates per document: mean %.3f, max %zu (%zu bands x %zu rows)\n",
                ratio(total, g.candidates.size()), most, minutes::band_count, minutes::band_rows);
}

void report(const std::vector<Doc>& docs, const Grouping& g, std::size_t examples) {
    Score s = score(docs, g);
    std::printf("documents %zu, same-meeting pairs: truth %zu, found %zu, right %zu\n", docs.size(),
                s.truth, s.predicted, s.right);
    std::printf("pairwise precision %.4f  recall %.4f\n", ratio(s.right, s.predicted),
                ratio(s.right, s.truth));
    print_errors("wrong merges", docs, s.wrong, examples);
    print_errors("misses", docs, s.missed, examples);
    print_margins(docs, g);
    print_candidates(g);
}

void print_groups(const std::vector<Doc>& docs, const Grouping& g) {
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < docs.size(); ++i)
        groups[g.group[i]].push_back(i);
    std::size_t n = 0;
    for (const auto& [first, members] : groups) {
        std::printf("  group %zu:", ++n);
        for (std::size_t m : members)
            std::printf(" %s", docs[m].file.c_str());
        std::printf("\n");
    }
    for (std::size_t i = 0; i < docs.size(); ++i)
        for (std::size_t j = i + 1; j < docs.size(); ++j)
            std::printf("  similarity %s %s: %.3f\n", docs[i].file.c_str(), docs[j].file.c_str(),
                        minutes::similarity(docs[i].print, docs[j].print));
}

struct Options {
    std::string truth, corpus, seeds = MINUTES_CORPUS;
    std::size_t examples = 5, repeat = 3;
};

std::optional<Options> parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string arg = argv[i];
        if (arg == "--truth")
            o.truth = argv[i + 1];
        else if (arg == "--corpus")
            o.corpus = argv[i + 1];
        else if (arg == "--seeds")
            o.seeds = argv[i + 1];
        else if (arg == "--examples")
            o.examples = std::stoul(argv[i + 1]);
        else if (arg == "--repeat")
            o.repeat = std::stoul(argv[i + 1]);
        else
            return std::nullopt;
    }
    if (o.truth.empty() || o.corpus.empty() || argc % 2 == 0) return std::nullopt;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    auto options = parse(argc, argv);
    if (!options) {
        std::cerr << "usage: duplicates_accuracy --truth FILE.jsonl --corpus DIR [--examples N]"
                     " [--repeat R] [--seeds DIR]\n";
        return 2;
    }
    auto docs = read_truth(options->truth, options->corpus);
    if (!docs || docs->empty()) {
        std::cerr << "no documents in " << options->truth << "\n";
        return 1;
    }
    std::size_t bytes = 0;
    for (const auto& d : *docs)
        bytes += d.text.size();
    double took = fingerprint_all(*docs, options->repeat);
    auto start = std::chrono::steady_clock::now();
    Grouping g = group_documents(*docs);
    std::chrono::duration<double> grouping = std::chrono::steady_clock::now() - start;
    report(*docs, g, options->examples);
    std::printf(
        "fingerprints: %zu documents, %.1f MB in %.3f s: %.0f documents/s, %.1f MB/s "
        "(one core, best of %zu); grouping %.3f s\n",
        docs->size(), double(bytes) / 1e6, took, double(docs->size()) / took,
        double(bytes) / 1e6 / took, std::max<std::size_t>(options->repeat, 1), grouping.count());

    auto seeds = read_dir(options->seeds);
    fingerprint_all(seeds, 1);
    std::printf("\n%s:\n", options->seeds.c_str());
    print_groups(seeds, group_documents(seeds));
    return 0;
}
