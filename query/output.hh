// Output of minutes-query: text for people, JSON / NDJSON / CSV for scripts.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "meeting_store.hh"
#include "search.hh"

namespace minutes {

enum class Format { text, json, ndjson, csv };

struct OutputStyle {
    Format format = Format::text;
    bool color = false;
};

// Text safe for a terminal: control characters and escape sequences from documents or file
// names become visible placeholders, invalid UTF-8 becomes U+FFFD.
std::string terminal_safe(std::string_view text);

// One RFC 4180 row, CRLF-terminated.
std::string csv_row(const std::vector<std::string>& fields);

// JSON text of a value; invalid UTF-8 is replaced, never passed on.
std::string json_text(const nlohmann::json& value);

void print_search(std::ostream& out, const SearchResults& results, const OutputStyle& style);

// Rows for scripts, the same way for every command: JSON as one object (`head` plus `key`
// holding the rows), NDJSON as one row a line, CSV with `columns` as the header (lists
// joined with "; ").
struct Records {
    std::string key;
    nlohmann::json head = nlohmann::json::object();
    std::vector<nlohmann::json> rows;
    std::vector<std::string> columns;
};
void print_records(std::ostream& out, const Records& records, Format format);

// "2022-10-11", or null for an undated meeting.
nlohmann::json date_json(const std::optional<MeetingDate>& date);

// A value of a row as one CSV cell or text field: lists joined with "; ", null empty.
std::string flatten(const nlohmann::json& value, int depth = 0);

// The meeting, meetings, attended and people commands (output_meetings.cc).
void print_meeting_records(std::ostream& out, const std::vector<MeetingRecord>& meetings,
                           const OutputStyle& style);
void print_meeting_list(std::ostream& out, const std::vector<MeetingRecord>& meetings,
                        const OutputStyle& style);
void print_attendance(std::ostream& out, const PersonMeetings& person, const OutputStyle& style);
void print_people(std::ostream& out, const std::vector<PersonSummary>& people,
                  const OutputStyle& style);

}  // namespace minutes
