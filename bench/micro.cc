// Micro-benchmarks of the text pipeline and the metadata extractor (Google Benchmark):
//   build-bench/bin/micro_bench [--benchmark_filter=Tokenize]
// Throughput is over the five documents of corpus/ (bytes/s for text steps, items/s for
// documents and words).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "body.hh"
#include "document.hh"
#include "encoding.hh"
#include "lexicon.hh"
#include "meeting_parser.hh"
#include "near_duplicates.hh"
#include "terms.hh"
#include "text.hh"

using namespace minutes;

namespace {

const std::vector<std::string>& documents() {
    static const std::vector<std::string> docs = [] {
        std::vector<std::string> out;
        for (const auto& entry : std::filesystem::directory_iterator(MINUTES_CORPUS)) {
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream bytes;
            bytes << in.rdbuf();
            auto decoded = decode_document(bytes.str());
            if (auto* text = std::get_if<DecodedText>(&decoded)) out.push_back(text->text);
        }
        return out;
    }();
    return docs;
}

const std::vector<std::string>& words() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> out;
        for (const auto& doc : documents())
            tokenize(doc, [&](const Token& t) { out.push_back(t.term); });
        return out;
    }();
    return all;
}

std::size_t corpus_bytes() {
    std::size_t n = 0;
    for (const auto& d : documents())
        n += d.size();
    return n;
}

// Runs `f` on every document per iteration; reports bytes/s and documents/s.
template <typename F>
void over_documents(benchmark::State& state, F&& f) {
    for (auto _ : state)
        for (const auto& doc : documents())
            f(doc);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * documents().size()));
}

// Runs `f` on every word per iteration; reports words/s.
template <typename F>
void over_words(benchmark::State& state, F&& f) {
    for (auto _ : state)
        for (const auto& word : words())
            f(word);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words().size()));
}

void Decode(benchmark::State& state) {
    over_documents(state,
                   [](const std::string& d) { benchmark::DoNotOptimize(decode_document(d)); });
}

void Tokenize(benchmark::State& state) {
    over_documents(state, [](const std::string& d) {
        std::size_t n = 0;
        tokenize(d, [&](const Token&) { ++n; });
        benchmark::DoNotOptimize(n);
    });
}

void PrepareBody(benchmark::State& state) {
    over_documents(state, [](const std::string& d) { benchmark::DoNotOptimize(prepare_body(d)); });
}

void BodyTerms(benchmark::State& state) {
    over_documents(state, [](const std::string& d) {
        benchmark::DoNotOptimize(body_document(StoredDocument{"f", "utf-8", {}, d}));
    });
}

void ExtractMeeting(benchmark::State& state) {
    over_documents(state,
                   [](const std::string& d) { benchmark::DoNotOptimize(extract_meeting(d)); });
}

void NearDuplicateFingerprint(benchmark::State& state) {
    over_documents(state, [](const std::string& d) { benchmark::DoNotOptimize(fingerprint(d)); });
}

void FoldDiacritics(benchmark::State& state) {
    over_words(state, [](const std::string& w) { benchmark::DoNotOptimize(fold_diacritics(w)); });
}

void Stem(benchmark::State& state) {
    over_words(state, [](const std::string& w) { benchmark::DoNotOptimize(stem(w)); });
}

void Decompound(benchmark::State& state) {
    const Lexicon* lexicon = Lexicon::shared();
    if (!lexicon) return state.SkipWithError("no Swedish dictionary installed");
    over_words(state, [&](const std::string& w) {
        benchmark::DoNotOptimize(lexicon->lemma(w));
        benchmark::DoNotOptimize(lexicon->split(w));
    });
}

}  // namespace

BENCHMARK(Decode);
BENCHMARK(Tokenize);
BENCHMARK(PrepareBody);
BENCHMARK(BodyTerms);
BENCHMARK(ExtractMeeting);
BENCHMARK(NearDuplicateFingerprint);
BENCHMARK(FoldDiacritics);
BENCHMARK(Stem);
BENCHMARK(Decompound);
BENCHMARK_MAIN();
