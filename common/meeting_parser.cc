// Document text -> Meeting. The text is split once into cleaned lines (bullets, indentation,
// page headers and footers recognised); the parts (meeting_date.cc, meeting_attendance.cc,
// meeting_sections.cc) read those lines.
#include "meeting_parser.hh"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>

#include "meeting_lines.hh"

namespace minutes {

namespace meeting_detail {

namespace {

UChar32 code_point(std::string_view s, std::size_t i, std::size_t& next) {
    int32_t pos = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    next = static_cast<std::size_t>(pos);
    return c;
}

bool is_bullet_glyph(UChar32 c) {
    // Symbol and Wingdings bullets come out of PDFs in the private use area (U+F0B7, U+F0A7,
    // U+F0D8, ...); the rest are the common Unicode bullets and arrows.
    if (c >= 0xF000 && c <= 0xF0FF) return true;
    static constexpr std::array<UChar32, 19> glyphs = {
        0x2022, 0x2023, 0x2043, 0x2219, 0x25AA, 0x25AB, 0x25CF, 0x25E6, 0x25A0, 0x25A1,
        0x25BA, 0x25C6, 0x27A2, 0x27A4, 0x2794, 0x2192, 0x2713, 0x2714, 0x00B7};
    for (auto g : glyphs)
        if (c == g) return true;
    return false;
}

// Characters that are bullets only when a space follows: dashes, and what OCR and cp1252
// extraction make of bullets (`e`, `o`, `«`, `*`, `§`, `Ø`).
bool is_bullet_letter(UChar32 c) {
    static constexpr std::array<UChar32, 13> letters = {
        '-', 0x2013, 0x2014, '*', 'e', 'o', 0x00AB, 0x00BB, 0x00A9, 0x00B0, 0x00D8, 0x00A7, '>'};
    for (auto l : letters)
        if (c == l) return true;
    return false;
}

Line make_line(std::string_view raw) {
    Line line;
    std::string_view text = trim(raw);
    line.indent = static_cast<std::size_t>(text.data() - raw.data());
    if (text.empty()) return line;
    std::size_t next = 0;
    UChar32 c = code_point(text, 0, next);
    if (is_bullet_glyph(c)) {
        line.bullet = true;
        text = trim(text.substr(next));
    } else if (is_bullet_letter(c) && next < text.size() && text[next] == ' ') {
        std::string_view rest = trim(text.substr(next));
        // "§ 12 Budget" is a paragraph, not a cp1252 bullet.
        bool paragraph = c == 0x00A7 && !rest.empty() &&
                         std::isdigit(static_cast<unsigned char>(rest[0])) &&
                         !starts_with_day_month(rest);
        if (!rest.empty() && !paragraph) {
            line.bullet = true;
            text = rest;
        }
    }
    line.text = text;
    if (text.empty()) return line;
    line.page_header = is_page_header(text);
    std::string head = fold(text.substr(0, 24));
    // "Vid anteckningarna/Name" ("anteckningama" after OCR), "Vid protokollet: Name".
    line.footer = head.starts_with("vid anteckn") || head.starts_with("vid protokollet") ||
                  head.starts_with("vid tangenterna");
    return line;
}

bool starts_body(const Line& line) {
    if (line.blank() || line.noise()) return false;
    if (numbered_item(line.text)) return true;
    std::string folded = fold(trim_trailing_punct(line.text));
    return folded == "beslut" || folded == "information" || folded == "dagordning" ||
           folded == "agenda" || folded == "arenden" || folded.starts_with("tema:");
}

}  // namespace

Document prepare(std::string_view text) {
    Document doc;
    std::size_t pos = 0;
    while (true) {
        std::size_t nl = text.find('\n', pos);
        std::string_view raw = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
        doc.lines.push_back(make_line(raw));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    doc.body_start = doc.lines.size();
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        if (starts_body(doc.lines[i])) {
            doc.body_start = i;
            break;
        }
    }
    return doc;
}

std::optional<Numbered> numbered_item(std::string_view text) {
    Numbered item;
    std::size_t i = 0;
    if (text.starts_with("\u00A7")) {  // "§ 12 Budget 2024", "§12.", "§ 12"
        i = 2;
        while (i < text.size() && text[i] == ' ')
            ++i;
        std::size_t digits = i;
        int number = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) &&
               i - digits < 4) {
            number = number * 10 + (text[i++] - '0');
        }
        // "§ 4 feb - ..." and "§ 19jan" are a cp1252 bullet before a time plan's date.
        if (i == digits || (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) ||
            starts_with_day_month(text.substr(digits))) {
            return std::nullopt;
        }
        if (i < text.size() && text[i] == '.') ++i;
        item.number = number;
        item.paragraph = true;
        item.rest = trim(text.substr(i));
        return item;
    }
    int number = 0;
    while (i < text.size() && i < 3 && std::isdigit(static_cast<unsigned char>(text[i]))) {
        number = number * 10 + (text[i++] - '0');
    }
    if (i == 3 || i >= text.size() || (text[i] != '.' && text[i] != ')')) return std::nullopt;
    std::size_t after = i + 1;
    if (after >= text.size() || (text[after] != ' ' && text[after] != '\t')) return std::nullopt;
    item.rest = trim(text.substr(after));
    if (item.rest.empty()) return std::nullopt;
    if (i == 0) {
        // ". Verksamhetsplan: ..." -- the number lost to OCR.
        bool ocr_o =
            (item.rest[0] == '0' || item.rest[0] == '6') && starts_lower(item.rest.substr(1));
        if (text[0] != '.' || !(starts_upper(item.rest) || ocr_o)) return std::nullopt;
        item.number = -1;
    } else {
        if (number == 0) return std::nullopt;
        item.number = number;
    }
    return item;
}

bool is_section_keyword(std::string_view text) {
    if (text.size() > 40) return false;
    static constexpr std::array<std::string_view, 14> keywords = {"beslut",
                                                                  "information",
                                                                  "dagordning",
                                                                  "agenda",
                                                                  "arenden",
                                                                  "beslutspunkter",
                                                                  "informationspunkter",
                                                                  "beslutsarenden",
                                                                  "informationsarenden",
                                                                  "ovrigt",
                                                                  "ovriga fragor",
                                                                  "diskussion",
                                                                  "dialog",
                                                                  "motesanteckningar"};
    std::string folded = fold(trim_trailing_punct(text));
    for (auto k : keywords)
        if (keyword_equal(folded, k)) return true;
    return false;
}

bool is_decision_heading(std::string_view text) {
    if (text.size() > 400) return false;
    auto w = words(text);
    if (w.empty()) return false;
    std::string first = fold(w[0]);
    if (first == "beslut:") return true;
    std::string whole = fold(trim_trailing_punct(text));
    if (whole == "beslut" || whole == "beslutspunkter" || whole == "beslutsarenden") return true;
    // "Nämndens beslut", "Ledningsgruppens beslut".
    return w.size() == 2 && first.ends_with("s") && whole.ends_with(" beslut");
}

namespace {

// How much a header line looks like the document's heading: 2 names the meeting
// ("Mötesanteckningar", "Protokoll", "... ledningsgrupp"), 1 names the organisation, 0 is none.
int heading_score(const Line& line) {
    std::string_view text = line.text;
    if (line.noise() || line.bullet || text.size() > 90 || words(text).size() > 10) return -1;
    if (!starts_upper(text) || text.ends_with('.') || text.ends_with(',')) return -1;
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos) return -1;  // "Plats: Jupiter", "Deltagare: ..."
    if (!find_dates(text).empty()) return -1;
    std::string folded = fold(text);
    static constexpr std::array<std::string_view, 10> meeting_words = {
        "anteckningar", "protokoll", "ledningsgrupp", "mote",          "sammantrade",
        "dagordning",   "kallelse",  "styrgrupp",     "planeringsdag", "minnesanteckning"};
    for (auto w : meeting_words)
        if (folded.find(w) != std::string::npos) return 2;
    static constexpr std::array<std::string_view, 6> organisation_words = {
        "forvaltning", "stad", "kommun", "namnd", "region", "skolor"};
    for (auto w : organisation_words)
        if (folded.find(w) != std::string::npos) return 1;
    return 0;
}

}  // namespace

std::string find_title(const Document& doc, const std::vector<std::string>& topics) {
    std::string organisation;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < doc.body_start && seen < 20; ++i) {
        const Line& line = doc.lines[i];
        if (line.blank()) continue;
        ++seen;
        int score = heading_score(line);
        if (score == 2) return std::string(trim_trailing_punct(line.text));
        if (score == 1 && organisation.empty()) organisation = trim_trailing_punct(line.text);
    }
    if (!organisation.empty()) return organisation;
    return topics.empty() ? std::string() : topics.front();
}

}  // namespace meeting_detail

using namespace meeting_detail;

Meeting extract_meeting(std::string_view text) {
    Meeting meeting;
    Document doc = prepare(text);
    MeetingWhen when = find_meeting_date(doc);
    meeting.date = when.date;
    meeting.time = when.time;
    if (meeting.date) meeting.date_source = "text";
    Attendance attendance = find_attendance(doc);
    meeting.groups = std::move(attendance.groups);
    meeting.absent = std::move(attendance.absent);
    meeting.partial = std::move(attendance.partial);
    meeting.secretary = std::move(attendance.secretary);
    meeting.topics = find_topics(doc);
    meeting.responsibilities = find_responsibilities(doc);
    meeting.decisions = find_decisions(doc);
    meeting.title = find_title(doc, meeting.topics);
    return meeting;
}

MeetingWhen extract_date(std::string_view text) {
    return find_meeting_date(prepare(text));
}

Attendance extract_attendance(std::string_view text) {
    return find_attendance(prepare(text));
}

std::vector<std::string> extract_topics(std::string_view text) {
    return find_topics(prepare(text));
}

std::vector<Responsibility> extract_responsibilities(std::string_view text) {
    return find_responsibilities(prepare(text));
}

std::vector<std::string> extract_decisions(std::string_view text) {
    return find_decisions(prepare(text));
}

std::string extract_title(std::string_view text) {
    Document doc = prepare(text);
    return find_title(doc, find_topics(doc));
}

}  // namespace minutes
