// Output of minutes-query: text for people, JSON / NDJSON / CSV for scripts.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "meeting_store.hh"
#include "mentions.hh"
#include "search.hh"
#include "text.hh"

namespace minutes {

enum class Format { text, json, ndjson, csv };

struct OutputStyle {
    Format format = Format::text;
    bool color = false;
};

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
// `whole`: JSON as one object; otherwise (streaming) no CSV header, rows as NDJSON.
void print_records(std::ostream& out, const Records& records, Format format, bool whole = true);

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

// The mentions command, streamed: a document at a time (JSON is one object, at the end).
class MentionPrinter {
  public:
    MentionPrinter(std::ostream& out, const OutputStyle& style, std::vector<std::string> terms,
                   bool count_only);
    void document(const DocumentMentions& mentions);
    void finish(std::size_t total_mentions);

  private:
    void print_rows(const DocumentMentions& mentions);
    void print_text(const DocumentMentions& mentions);
    std::vector<std::string> count_columns() const;  // CSV of --count: a column per term

    std::ostream& out_;
    OutputStyle style_;
    std::vector<std::string> terms_;
    bool count_only_;
    std::size_t documents_ = 0;
    nlohmann::json documents_json_ = nlohmann::json::array();
};

}  // namespace minutes
