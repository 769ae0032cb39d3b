// bench_minutes_search: our search, in-process, for bench/run.
//
//   bench_minutes_search DB QUERIES [PASSES]
//
// Opens DB once and, for each line of QUERIES (our query language; empty lines skipped),
// times minutes::search() with the defaults of `minutes-query search` (10 results, snippets,
// copies of a meeting folded, an exact total). One untimed pass warms the caches first; then
// PASSES (default 1) timed passes print one JSON object a line: {"i", "pass", "ms", "hits",
// "total", "snippet_bytes"}, or {"i", "pass", "error"}. The in-process figure to set beside
// the peers', which are timed in-process too (bench/peers/xapian_search.cc, fts5.py).
#include <cstdlib>
#include <string>

#include <xapian.h>

#include "bench_common.hh"
#include "database.hh"
#include "query_parser.hh"
#include "search.hh"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_minutes_search DB QUERIES [PASSES]\n";
        return 2;
    }
    int passes = argc > 3 ? std::atoi(argv[3]) : 1;
    Xapian::Database db = minutes::open_for_reading(argv[1]);
    auto queries = bench::read_queries(argv[2]);
    for (int pass = -1; pass < passes; ++pass) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (queries[i].empty()) continue;
            minutes::SearchOptions options;
            options.query = queries[i];
            options.limit = 10;
            auto start = bench::Clock::now();
            try {
                minutes::SearchResults results = minutes::search(db, options);
                double ms = bench::ms_since(start);
                std::size_t snippet_bytes = 0;
                for (const auto& hit : results.hits)
                    snippet_bytes += hit.snippet.size();
                if (pass >= 0)
                    bench::print_timing(i, pass, ms, results.hits.size(), results.total,
                                        snippet_bytes);
            } catch (const std::exception& e) {
                if (pass >= 0) bench::print_error(i, pass, e.what());
            } catch (const Xapian::Error& e) {
                if (pass >= 0) bench::print_error(i, pass, e.get_description());
            }
        }
    }
    return 0;
}
