// Internal to the meeting parser (meeting_*.cc): the document split into cleaned lines, and the
// text tests the parts share (folding, OCR-tolerant keywords, the shape of names, dates in a
// line). Not part of the library's interface; include meeting_parser.hh instead.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "meeting.hh"
#include "meeting_parser.hh"

namespace minutes::meeting_detail {

// ---- text ----

std::string_view trim(std::string_view s);
// Lower case without diacritics ("Frånvarande" -> "franvarande"), for keyword tests only.
std::string fold(std::string_view s);
// A folded word equals a folded keyword, allowing the OCR damage that keeps the length
// (å read as `d`, `i`, `6`, `é`): one differing letter in words of 6+ letters, two in 11+;
// or, in words of 8+ letters, one letter more or less ("niarvarande").
bool keyword_equal(std::string_view folded_word, std::string_view keyword);
// Splits on white space.
std::vector<std::string_view> words(std::string_view s);
// Joins lines into one: white space collapsed, words hyphenated across lines joined
// ("verksam-" + "hetschefer"), compound hyphens kept ("Vp-" + "arbetet").
void append_wrapped(std::string& out, std::string_view line);
// Drops trailing punctuation and white space (" .,:;").
std::string_view trim_trailing_punct(std::string_view s);
bool starts_upper(std::string_view s);
bool starts_lower(std::string_view s);

// ---- names ----

// A capitalised word that can be part of a person's name ("Koltai", "Ann-Marie", "Sj6berg").
bool is_name_word(std::string_view word);
// A word opening with l where OCR read a capital I: l and a consonant other than j
// ("lngrid", "lngångsvärden"); no Swedish word starts so.
bool l_for_capital_i(std::string_view word);
// A lower-case particle inside a name ("von", "af", "de").
bool is_name_particle(std::string_view word);
// One entry of a list of people, split into the name and what was written around it.
struct Person {
    std::string name;        // the leading run of name words, or empty
    std::size_t words = 0;   // how many words the name has
    bool secretary = false;  // "(sekr)", ", sekreterare"
    std::string note;        // "deltog via Teams" when written after the name
    bool rest = false;       // text that is not a name followed (a role, a party, a note)
};
Person parse_person(std::string_view item);
// Splits a list of people on commas, semicolons, " och ", " samt ", "&", wide gaps.
std::vector<std::string> split_people(std::string_view list);
// A word that starts a note on partial attendance ("deltog", "anslöt", "lämnade").
bool is_partial_verb(std::string_view folded_word);

// ---- dates ----

struct DateHit {
    MeetingDate date;
    std::size_t begin = 0;  // byte span in the line
    std::size_t end = 0;
    bool range = false;  // one end of "18–19 april 2024": never a meeting date
};
std::vector<DateHit> find_dates(std::string_view line);
// "4 feb ...", "19jan ...": a day and a month open s (a time plan's entry).
bool starts_with_day_month(std::string_view s);
// "12.00-16.00", "kl. 13.00–15.30", "14-16.00" anywhere in s, normalised to HH.MM.
std::optional<TimeSpan> find_time_span(std::string_view s);
// A line that only carries a page's header or number: "2 HELSINGBORG 2022-10-11", a lone
// "2019-09-17", "Sida 2 av 5". Its date (if any) is the meeting's.
bool is_page_header(std::string_view text);
// A weekday name, inflected or not, tolerant of OCR ("Tisdagen", "Mandag").
bool is_weekday(std::string_view folded_word);

// ---- lines ----

struct Line {
    std::string_view text;     // without bullet and surrounding white space
    std::size_t indent = 0;    // white space before the text or its bullet
    bool bullet = false;       // opened by a bullet glyph or an OCR'd bullet (`e`, `o`, `«`)
    bool page_header = false;  // "2 HELSINGBORG 2022-10-11", a lone date, "Sida 2 av 5"
    bool footer = false;       // "Vid anteckningarna/Name"
    bool blank() const { return text.empty(); }
    bool noise() const { return page_header || footer; }
};

struct Document {
    std::vector<Line> lines;
    // The first line of the body: an agenda item, "Beslut", "Information", "§ 12", "Tema:".
    // What comes before is the header (title, date, attendance).
    std::size_t body_start = 0;
};

Document prepare(std::string_view text);

// "1. Text", "12) Text", ". Text" (number lost to OCR), "§ 12 Text": the number (-1 when lost)
// and the text after it.
struct Numbered {
    int number = -1;
    bool paragraph = false;  // "§"
    std::string_view rest;
};
std::optional<Numbered> numbered_item(std::string_view text);
// A one-word section heading: "Beslut", "BESLUT", "Information", "Dagordning", ...
bool is_section_keyword(std::string_view text);
bool is_decision_heading(std::string_view text);

// ---- the parts, on a prepared document ----

MeetingWhen find_meeting_date(const Document& doc);
Attendance find_attendance(const Document& doc);
std::vector<std::string> find_topics(const Document& doc);
std::vector<Responsibility> find_responsibilities(const Document& doc);
std::vector<std::string> find_decisions(const Document& doc);
std::string find_title(const Document& doc, const std::vector<std::string>& topics);

}  // namespace minutes::meeting_detail
