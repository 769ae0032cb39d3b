// Ranked search: a query string -> the best documents, with snippets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "meeting.hh"
#include "query_parser.hh"

namespace minutes {

struct SearchOptions {
    std::string query;
    unsigned limit = 10;
    unsigned offset = 0;
    std::optional<MeetingDate> from;  // inclusive
    std::optional<MeetingDate> to;    // inclusive
    bool all_duplicates = false;      // list every copy of a meeting, not one hit per meeting
    bool exact = false;               // words literally: no inflections, variants or compounds
    unsigned snippet_bytes = 240;
    QueryLimits limits;
    // Threads for one search (0: one per core, at most 4). More than one needs a database
    // that open_for_reading opened from a directory, and shares the work only of queries
    // with at least `parallel_postings` postings, and of 4 hits or more (of a smaller query
    // too once the process has searched: the handles are kept).
    unsigned threads = 0;
    Xapian::doccount parallel_postings = 20000;
};

// Highlight markers in snippets; the output layer turns them into ** or colour.
inline constexpr std::string_view highlight_start = "\x02";
inline constexpr std::string_view highlight_end = "\x03";

struct SearchHit {
    unsigned rank = 0;
    double score = 0;
    std::string meeting;
    std::optional<MeetingDate> date;
    std::string title;
    std::string file;
    std::string snippet;                  // with highlight_start/end around matched words
    std::vector<std::string> duplicates;  // other files holding the same meeting
};

struct SearchResults {
    std::string query;
    Xapian::doccount total = 0;
    bool total_is_estimate = false;
    std::vector<SearchHit> hits;
    std::string suggestion;  // when nothing matched: the query with words the archive holds
};

// How queries on `db` find words and people: through the archive's vocabulary and its
// people; `literal` turns the word forms off. `db` must outlive the context.
QueryContext archive_query_context(const Xapian::Database& db, bool literal,
                                   const QueryLimits& limits);

// Throws QueryError for a query that cannot be read.
SearchResults search(const Xapian::Database& db, const SearchOptions& options);

}  // namespace minutes
