// The Meeting record: what one minutes document says about its meeting.
// The parser (meeting_parser.hh) fills it from text; document.hh maps it to and from a
// Xapian document. Every field is optional in the source text, so every field may be empty.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace minutes {

// A calendar date as written in a document; only valid dates are ever constructed.
struct MeetingDate {
    int year = 0;
    int month = 0;
    int day = 0;

    std::string iso() const;       // "2022-10-11"
    std::string sortable() const;  // "20221011", the value-slot form
    static std::optional<MeetingDate> from_iso(std::string_view iso);
    static bool valid(int year, int month, int day);
    auto operator<=>(const MeetingDate&) const = default;
};

// A time span such as "12.00-16.00", kept as written (normalised to HH.MM).
struct TimeSpan {
    std::string start;
    std::string end;
    bool operator==(const TimeSpan&) const = default;
};

// A named group of attendees ("Ledningsgruppen", "Styrgruppen", "Beslutande").
struct AttendeeGroup {
    std::string name;
    std::vector<std::string> members;
    std::optional<TimeSpan> time;  // a group's own time span ("Styrgruppen 14-16.00:")
    bool operator==(const AttendeeGroup&) const = default;
};

// Someone who attended only in part or remotely, with the note as written.
struct PartialAttendance {
    std::string name;
    std::string note;  // "deltog via Teams", "deltog 13-15.00"
    bool operator==(const PartialAttendance&) const = default;
};

// A task and the people (or group, such as "Alla verksamhetschefer") responsible for it.
struct Responsibility {
    std::string task;
    std::vector<std::string> people;
    bool operator==(const Responsibility&) const = default;
};

struct Meeting {
    std::string id;                   // "m-" + hex; copies of one meeting share it
    std::optional<MeetingDate> date;  // the date that dates the meeting; never a guess
    std::string date_source;          // "text", "duplicate", or empty when there is no date
    std::optional<TimeSpan> time;
    std::string title;
    std::vector<AttendeeGroup> groups;
    std::vector<std::string> absent;
    std::vector<PartialAttendance> partial;
    std::optional<std::string> secretary;
    std::vector<std::string> topics;
    std::vector<Responsibility> responsibilities;
    std::vector<std::string> decisions;

    // Everyone recorded as present: every group's members and the partial attendees,
    // each name once, in the order first seen.
    std::vector<std::string> attended() const;
};

// One record for the copies of a meeting (the same meeting extracted twice, or OCR'd): the
// copy `primary` (by default the copy that says the most), with what it lacks taken from the
// others. A date found only in another copy gets date_source "duplicate". `copies` must not
// be empty.
Meeting merge_copies(const std::vector<Meeting>& copies,
                     std::optional<std::size_t> primary = std::nullopt);

}  // namespace minutes
