// Every document a query matches, with its weight, read term at a time from postlists.
//
// Xapian's matcher finds the best few documents quickly, but an exact count of the matches
// makes it visit every candidate through the whole tree of postlists (for a common word,
// an OR of up to 200 forms), which costs far more than reading the postlists once. This
// reads them once into a bitmap of matching documents and an array of their weights, as
// Xapian's BM25Weight computes them (up to rounding: the sums are added in another order).
// search.cc counts the meetings from the bitmap and lets Xapian rank only the few documents
// whose weights can reach the top.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <xapian.h>

namespace minutes {

struct Matches {
    std::vector<std::uint64_t> bits;  // bit d: document d matches
    std::vector<double> weights;      // by document id; empty when nothing is weighted
    double error = 0;                 // |weights[d] - Xapian's weight of d| is at most this

    bool matches(Xapian::docid d) const { return (bits[d >> 6] >> (d & 63)) & 1; }
    Xapian::doccount count() const;
    // Calls f(docid) for every match, in docid order.
    template <typename F>
    void for_each(F&& f) const {
        for (std::size_t w = 0; w < bits.size(); ++w)
            for (std::uint64_t b = bits[w]; b; b &= b - 1)
                f(static_cast<Xapian::docid>(w * 64 + __builtin_ctzll(b)));
    }
};

// The matches of `query` on `db` weighted with Xapian::BM25Weight(), or nullopt when the
// query has a part whose weight this does not model, or `db` has a shard that is not a
// local glass database (a remote shard would send every posting): Xapian must match it.
// Errors Xapian would throw for the query (a prefix* expanding too far) are thrown.
//
// With `helpers` (more handles on a single database `db`, database.hh: ExtraHandles) and a
// query of at least `parallel_from` postings, the documents are split into ranges, one per
// thread, each read through its own handle; the result is the same.
std::optional<Matches> match_all(const Xapian::Database& db, const Xapian::Query& query,
                                 std::span<Xapian::Database> helpers = {},
                                 Xapian::doccount parallel_from = 0);

// How many postings the terms of `query` have: what reading them costs, about.
Xapian::doccount estimated_postings(const Xapian::Database& db, const Xapian::Query& query);

// A name for the state of `db` when all its shards are local glass or chert databases: their
// UUIDs and revisions, which change with every commit. Nullopt for anything else.
std::optional<std::string> local_snapshot(const Xapian::Database& db);

// local_snapshot when no writer holds `db` (a WritableDatabase's changes before a commit
// leave its revision as it was): a name under which to keep what was read from it.
std::optional<std::string> stable_snapshot(const Xapian::Database& db);

}  // namespace minutes
