// What search needs from every match, computed from Matches (search_matches.hh) instead of
// a full pass of Xapian's matcher: the number of distinct meetings, and the few documents
// that can be among the first hits, which Xapian then ranks exactly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search_matches.hh"

namespace minutes {

// The documents that share their meeting with another document (copies are few), with the
// meetings numbered from 0: knowing them counts the meetings of any set of documents.
struct SharedMeetings {
    std::unordered_map<Xapian::docid, std::uint32_t> meeting_of;
    std::vector<std::pair<Xapian::docid, std::uint32_t>> in_order;  // by document
    std::uint32_t meetings = 0;
};

// The meetings of the matches, as collapsing on Slot::meeting folds them: documents sharing
// a meeting id are one; a document without one is a meeting of its own.
struct MatchedMeetings {
    Xapian::doccount count = 0;
    // The matches (at least) that share their meeting with another document.
    std::shared_ptr<const SharedMeetings> shared;

    // Equal for the documents of one meeting, different otherwise.
    std::uint64_t meeting_of(Xapian::docid d) const {
        auto it = shared->meeting_of.find(d);
        return it == shared->meeting_of.end() ? (std::uint64_t(1) << 32) | d : it->second;
    }
};

// The meetings of the matches of a local database (local_snapshot): from the meeting ids
// of the matches when they are few, else from the documents that share a meeting, which
// are read once per revision of the database.
MatchedMeetings matched_meetings(const Xapian::Database& db, const Matches& matches);

// Commits `db`, then stores the documents that share a meeting for matched_meetings to read
// (in the metadata, valid for the revision this commits): the indexer's last step.
void store_shared_meetings(Xapian::WritableDatabase& db);

// The matches that can be among the first `wanted` hits: every document whose weight can
// reach that of the best document of the `wanted`th best meeting (of the `wanted`th best
// document when `meetings` is null: no collapsing). Ties and rounding included, so Xapian
// ranking just these gives the first hits of ranking them all. Nullopt when there are more
// than `most` such documents, or when the query weighs nothing (see first_by_path).
std::optional<std::vector<Xapian::docid>> contenders(const Matches& matches,
                                                     const MatchedMeetings* meetings,
                                                     std::size_t wanted, std::size_t most);

// The same for a query that weighs nothing, whose hits Xapian orders by path (Slot::file):
// the matches up to the `wanted`th meeting in path order. Nullopt past `most`.
std::optional<std::vector<Xapian::docid>> first_by_path(const Xapian::Database& db,
                                                        const Matches& matches,
                                                        const MatchedMeetings* meetings,
                                                        std::size_t wanted, std::size_t most);

}  // namespace minutes
