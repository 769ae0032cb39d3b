// Every mention of some terms in the whole archive, for reports: each occurrence with its
// line in the original file, the whole line, and the form that matched. Served from the
// index: the documents come from the postings, the occurrences from the stored text walked
// exactly as it was indexed (document.hh: for_each_body_word), never from the files on disk.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "meeting.hh"
#include "query_parser.hh"
#include "terms.hh"

namespace minutes {

struct MentionOptions {
    std::vector<std::string> terms;  // as typed; a term of several words matches them in a row
    std::string filter;              // query-language fields limiting the documents
    std::optional<MeetingDate> from, to;
    bool exact = false;  // only the literal words, case-insensitively
    QueryLimits limits;
    unsigned threads = 0;  // that find the mentions; 0: one per core, at most 4
};

struct Mention {
    std::uint32_t line = 0;  // 1-based, in the file as it is on disk
    std::string text;        // the whole line, trimmed
    std::string form;        // the word as written ("Anneroskolans", joined if hyphenated)
    std::string term;        // the query term it is a mention of
    Match match = Match::exact;
    std::size_t column = 0;  // where the form starts in `text` (bytes)
    std::size_t width = 0;   // bytes of `text` to highlight (to the line end at most)
};

struct DocumentMentions {
    std::string file;
    std::string meeting;
    std::optional<MeetingDate> date;
    std::vector<Mention> hits;  // in line order
};

// Calls `sink` for every document with mentions, in date order (undated last, then by
// file), as soon as it is found; returns the number of mentions. Throws QueryError for a
// term without words or a filter that cannot be read. The mentions are found on worker
// threads, one of which reads from `db`, which the caller must leave alone meanwhile; `sink`
// runs on the caller's thread.
std::size_t for_each_mention(const Xapian::Database& db, const MentionOptions& options,
                             const std::function<void(const DocumentMentions&)>& sink);

}  // namespace minutes
