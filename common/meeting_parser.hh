// Document text -> Meeting: the date that dates the meeting, attendance, secretary, topics,
// responsibilities and decisions, from the loose layouts minutes are written in.
//
// The rules are general (keywords, layouts, the shape of names), never lists of known people,
// schools or dates. Every part tolerates the damage PDF extraction and OCR leave behind:
// bullet glyphs, page headers in mid text, hyphenated line breaks, å/ä/ö dropped or misread.
// Every part runs in time linear in the text and never throws on bad input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "meeting.hh"

namespace minutes {

// Fills every field of Meeting except id and date_source ("text" is set when a date is found).
Meeting extract_meeting(std::string_view text);

// The parts extract_meeting is made of, for tests and for callers that need only one field.
// Each takes the whole document text.

// The date that dates the meeting, and the meeting's time span when the dating line (or the
// line after it) gives one. Deadlines and plans in the body never count; no date -> nullopt.
struct MeetingWhen {
    std::optional<MeetingDate> date;
    std::optional<TimeSpan> time;
};
MeetingWhen extract_date(std::string_view text);

// Who was there: the labelled lists ("Deltagare LG:", "Styrgruppen 14-16.00:", "Närvarande:",
// "Beslutande:", ...), the absent ("Frånvarande:"), "X deltog via Teams" lines and the secretary
// ("(sekr)", "Sekreterare:", "Vid anteckningarna/X").
struct Attendance {
    std::vector<AttendeeGroup> groups;
    std::vector<std::string> absent;
    std::vector<PartialAttendance> partial;
    std::optional<std::string> secretary;
};
Attendance extract_attendance(std::string_view text);

// Agenda headings ("1. Kort, kort", "§ 12 Budget 2024", "Tema: ..."), without their numbers.
std::vector<std::string> extract_topics(std::string_view text);

// "Ansvar:" lines with the task above them.
std::vector<Responsibility> extract_responsibilities(std::string_view text);

// The items of the "Beslut" sections; "Inga beslutspunkter" gives none.
std::vector<std::string> extract_decisions(std::string_view text);

// The document's heading line, else the first topic, else empty.
std::string extract_title(std::string_view text);

}  // namespace minutes
