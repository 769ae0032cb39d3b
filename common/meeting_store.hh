// Meetings and people as data, read from the index: what the `meeting`, `meetings`,
// `attended` and `people` commands answer. A meeting is every file that shares its meeting
// id (copies of one meeting); its record merges what the copies say.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "date_range.hh"
#include "meeting.hh"
#include "people.hh"

namespace minutes {

struct MeetingRecord {
    Meeting meeting;                 // merged over the copies
    std::vector<std::string> files;  // every copy, in path order
};

// Every meeting within `range` (open ends allowed), in date order, undated last.
std::vector<MeetingRecord> list_meetings(const Xapian::Database& db, const DateRange& range = {});

// The meetings a reference names: a meeting id ("m-…"), a date ("2022-10-11": every meeting
// that day), or a file (the path as indexed, or its base name). Throws QueryError when REF
// looks like a date but names no real day.
std::vector<MeetingRecord> find_meetings(const Xapian::Database& db, std::string_view ref);

// The people the archive names, in any role, with their spellings folded (people.hh).
PersonDirectory person_directory(const Xapian::Database& db);

// A meeting a person attended, and in what role: the group they sat in, "partial", or
// "secretary" (when the secretary is not recorded as absent).
struct MeetingAttended {
    MeetingRecord record;
    std::string role;
    std::string note;  // the note of partial attendance ("deltog via Teams")
};

struct PersonMeetings {
    Person person;
    std::vector<MeetingAttended> meetings;  // in date order, undated last
};

// The meetings the person named `name` (any spelling) attended; nullopt for nobody known.
std::optional<PersonMeetings> meetings_attended(const Xapian::Database& db, std::string_view name);

// A person with the number of meetings naming them, in all and in each role.
struct PersonSummary {
    Person person;
    unsigned meetings = 0;
    unsigned attended = 0;
    unsigned absent = 0;
    unsigned secretary = 0;
    unsigned responsible = 0;
};

// Everyone the archive names as participant, absent, secretary or responsible, by name.
std::vector<PersonSummary> list_people(const Xapian::Database& db);

}  // namespace minutes
