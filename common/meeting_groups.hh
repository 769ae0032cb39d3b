// Copies of one meeting under one meeting id: a document joins the meeting of an indexed
// document whose text is a near duplicate of its own (near_duplicates.hh), found through the
// LSH band terms every document carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "document.hh"
#include "near_duplicates.hh"

namespace minutes {

// The meeting id for the document of `file`: that of the indexed copy of the same meeting
// with the first path (other than `file` itself), else `own_id`.
std::string group_meeting(const Xapian::Database& db, const Fingerprint& fingerprint,
                          const std::string& file, const std::string& own_id);

// Dates shared between the copies of `doc`'s meeting: `doc` takes the date of a dated copy
// when it has none, and undated copies take `doc`'s date (date_source "duplicate").
void share_dates(Xapian::WritableDatabase& db, StoredDocument& doc);

// The same grouping in memory, for documents given in path order (linking shards, and the
// writers of a parallel build): each takes the meeting of its first copy by path, and the
// date of the first dated copy before it when it has none of its own.
class MeetingGrouping {
  public:
    // The meeting id of the next document: that of its first copy, else `own_id`.
    std::string group(const Fingerprint* fingerprint, const std::string& own_id);
    // Then its date, when it has none: that of the first dated copy before it.
    void share_date(Meeting& meeting);

  private:
    static constexpr std::uint32_t none = UINT32_MAX;
    // Lean, since it holds every document of a build: 40 bytes a band rather than 130 with
    // string keys and vectors. Band keys are hashed: a collision only adds a candidate.
    std::unordered_map<std::uint64_t, std::uint32_t> last_with_band_;  // -> entry
    std::vector<std::uint32_t> entry_document_, previous_entry_;       // per (document, band)
    std::vector<std::pair<Fingerprint, std::string>> grouped_;         // fingerprint, meeting id
    std::unordered_map<std::string, MeetingDate> first_date_;          // by meeting id
};

// The band terms and the stored fingerprint by which later documents find this one.
void add_fingerprint(Xapian::Document& doc, const Fingerprint& fingerprint);

}  // namespace minutes
