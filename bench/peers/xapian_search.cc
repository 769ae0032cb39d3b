// bench_xapian_search: the minimal Xapian searcher over omindex's database, for bench/run.
//
//   bench_xapian_search DB QUERIES [PASSES]
//
// What a small program on Xapian alone does with the database omindex builds
// (--stemmer=swedish): QueryParser with the Swedish stemmer (STEM_SOME, as omindex indexes),
// AND as the default operator, phrases, boolean operators, +/- and prefix* wildcards; the 10
// best documents by BM25 (get_mset(0, 10): the total is Xapian's estimate); for each, a
// snippet of 240 bytes by MSet::snippet() from the text sample omindex stored in the document
// data (sample=, up to --sample-size). One untimed pass warms the caches first; then PASSES
// (default 1) timed passes print one JSON object a line: {"i", "pass", "ms", "hits", "total",
// "snippet_bytes"}.
#include <cstdlib>
#include <string>

#include <xapian.h>

#include "bench_common.hh"

namespace {

std::string sample_of(const std::string& data) {
    // omindex's document data: "url=...\nsample=...\ncaption=...\n..."
    std::size_t at = data.rfind("sample=", 0) == 0 ? 0 : data.find("\nsample=");
    if (at == std::string::npos) return {};
    if (at != 0) ++at;
    at += 7;
    std::size_t end = data.find('\n', at);
    return data.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_xapian_search DB QUERIES [PASSES]\n";
        return 2;
    }
    int passes = argc > 3 ? std::atoi(argv[3]) : 1;
    Xapian::Database db(argv[1]);
    auto queries = bench::read_queries(argv[2]);
    Xapian::Stem stemmer("swedish");
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_AND);
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;
    Xapian::Enquire enquire(db);
    for (int pass = -1; pass < passes; ++pass) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (queries[i].empty()) continue;
            auto start = bench::Clock::now();
            try {
                enquire.set_query(qp.parse_query(queries[i], flags));
                Xapian::MSet mset = enquire.get_mset(0, 10);
                std::size_t chars = 0;
                for (auto it = mset.begin(); it != mset.end(); ++it) {
                    std::string snippet = mset.snippet(
                        sample_of(it.get_document().get_data()), 240, stemmer,
                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                        "**", "**", "…");
                    chars += snippet.size();
                }
                double ms = bench::ms_since(start);
                if (pass >= 0)
                    bench::print_timing(i, pass, ms, mset.size(), mset.get_matches_estimated(),
                                        chars);
            } catch (const Xapian::Error& e) {
                if (pass >= 0) bench::print_error(i, pass, e.get_description());
            }
        }
    }
    return 0;
}
