// The date that dates a meeting. Dates are found by hand-written scanning (no std::regex) in
// every form minutes use; a date counts only on a line that dates the meeting: a page header,
// a weekday line ("Tisdagen den 11 okt 2022, 12.00-16.00"), a "Datum:" line, or a short line in
// the header. Dates inside sentences are deadlines and plans, never the meeting's.
#include <array>
#include <cctype>

#include "meeting_lines.hh"

namespace minutes::meeting_detail {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads a run of digits at pos; returns its length (0 if none) and value.
std::size_t digit_run(std::string_view s, std::size_t pos, int& value) {
    std::size_t n = 0;
    value = 0;
    while (pos + n < s.size() && is_digit(s[pos + n]) && n < 9) {
        value = value * 10 + (s[pos + n] - '0');
        ++n;
    }
    return n;
}

// A dash between two numbers: '-', '–' (U+2013) or '—' (U+2014). Returns its byte length.
std::size_t dash_at(std::string_view s, std::size_t pos) {
    if (pos < s.size() && s[pos] == '-') return 1;
    if (s.substr(pos).starts_with("\u2013") || s.substr(pos).starts_with("\u2014")) return 3;
    return 0;
}

// A dash ending right before pos, and a digit before it: "18–" in "18–19 april".
bool dash_and_digit_before(std::string_view s, std::size_t pos) {
    while (pos > 0 && s[pos - 1] == ' ')
        --pos;
    std::size_t dash = 0;
    if (pos >= 1 && s[pos - 1] == '-') dash = 1;
    if (pos >= 3 && (s.substr(pos - 3, 3) == "\u2013" || s.substr(pos - 3, 3) == "\u2014")) {
        dash = 3;
    }
    if (dash == 0) return false;
    pos -= dash;
    while (pos > 0 && s[pos - 1] == ' ')
        --pos;
    return pos > 0 && is_digit(s[pos - 1]);
}

int month_number(std::string_view word) {
    struct Month {
        std::string_view name;
        int number;
    };
    static constexpr std::array<Month, 25> months = {{
        {"januari", 1}, {"jan", 1},       {"februari", 2}, {"feb", 2},       {"febr", 2},
        {"mars", 3},    {"mar", 3},       {"april", 4},    {"apr", 4},       {"maj", 5},
        {"juni", 6},    {"jun", 6},       {"juli", 7},     {"jul", 7},       {"augusti", 8},
        {"aug", 8},     {"september", 9}, {"sept", 9},     {"sep", 9},       {"oktober", 10},
        {"okt", 10},    {"november", 11}, {"nov", 11},     {"december", 12}, {"dec", 12},
    }};
    std::string folded = fold(word);
    for (const auto& m : months)
        if (keyword_equal(folded, m.name)) return m.number;
    return 0;
}

// "11 okt 2022", "11 oktober, 2022", "11:e oktober 2022", "7okt 2019" at pos (the day's digits).
std::optional<DateHit> textual_date(std::string_view s, std::size_t pos, std::size_t day_len,
                                    int day) {
    std::size_t i = pos + day_len;
    if (s.substr(i).starts_with(":e") || s.substr(i).starts_with(":a")) i += 2;
    if (i < s.size() && s[i] == '.') ++i;
    while (i < s.size() && s[i] == ' ')
        ++i;
    std::size_t word_begin = i;
    while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) ||
                            static_cast<unsigned char>(s[i]) >= 0x80)) {
        ++i;
    }
    if (i == word_begin || i - word_begin > 12) return std::nullopt;
    int month = month_number(s.substr(word_begin, i - word_begin));
    if (month == 0) return std::nullopt;
    if (i < s.size() && s[i] == '.') ++i;
    if (i < s.size() && s[i] == ',') ++i;
    std::size_t gap = i;
    while (i < s.size() && s[i] == ' ')
        ++i;
    if (i == gap) return std::nullopt;
    int year = 0;
    std::size_t year_len = digit_run(s, i, year);
    if (year_len != 4 || !MeetingDate::valid(year, month, day)) return std::nullopt;
    DateHit hit{MeetingDate{year, month, day}, pos, i + 4, dash_and_digit_before(s, pos)};
    return hit;
}

// "11/10 2022", "11/10-2022", "11/10/2022", "11.10.2022" at pos.
std::optional<DateHit> day_month_year(std::string_view s, std::size_t pos, std::size_t day_len,
                                      int day) {
    std::size_t i = pos + day_len;
    if (i >= s.size() || (s[i] != '/' && s[i] != '.')) return std::nullopt;
    char sep = s[i++];
    int month = 0;
    std::size_t month_len = digit_run(s, i, month);
    if (month_len == 0 || month_len > 2) return std::nullopt;
    i += month_len;
    if (i >= s.size()) return std::nullopt;
    if (sep == '.') {
        if (s[i] != '.') return std::nullopt;
        ++i;
    } else if (s[i] == '/' || s[i] == '-' || s[i] == ' ') {
        ++i;
    } else {
        return std::nullopt;
    }
    int year = 0;
    if (digit_run(s, i, year) != 4 || !MeetingDate::valid(year, month, day)) return std::nullopt;
    return DateHit{MeetingDate{year, month, day}, pos, i + 4, false};
}

// "2022-10-11", "2022.10.11", "2022/10/11" at pos (the year's digits).
std::optional<DateHit> year_first(std::string_view s, std::size_t pos, int year) {
    std::size_t i = pos + 4;
    if (i >= s.size() || (s[i] != '-' && s[i] != '.' && s[i] != '/')) return std::nullopt;
    char sep = s[i++];
    int month = 0;
    std::size_t month_len = digit_run(s, i, month);
    if (month_len == 0 || month_len > 2) return std::nullopt;
    i += month_len;
    if (i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    int day = 0;
    std::size_t day_len = digit_run(s, i, day);
    if (day_len == 0 || day_len > 2 || !MeetingDate::valid(year, month, day)) {
        return std::nullopt;
    }
    return DateHit{MeetingDate{year, month, day}, pos, i + day_len, false};
}

}  // namespace

bool starts_with_day_month(std::string_view s) {
    int day = 0;
    std::size_t i = digit_run(s, 0, day);
    if (i == 0 || i > 2 || day < 1 || day > 31) return false;
    if (i < s.size() && s[i] == '.') ++i;
    while (i < s.size() && s[i] == ' ')
        ++i;
    std::size_t begin = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])))
        ++i;
    return i > begin && month_number(s.substr(begin, i - begin)) != 0;
}

std::vector<DateHit> find_dates(std::string_view s) {
    std::vector<DateHit> hits;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
            ++i;
            continue;
        }
        int value = 0;
        std::size_t len = digit_run(s, i, value);
        std::optional<DateHit> hit;
        if (len == 4) {
            hit = year_first(s, i, value);
        } else if (len <= 2) {
            hit = day_month_year(s, i, len, value);
            if (!hit) hit = textual_date(s, i, len, value);
        }
        if (hit) {
            hits.push_back(*hit);
            i = hit->end;
        } else {
            i += len;
        }
    }
    return hits;
}

namespace {

struct Clock {
    int hour = -1;
    int minute = -1;  // -1: not written
    std::size_t end = 0;
};

std::optional<Clock> read_clock(std::string_view s, std::size_t pos) {
    Clock clock;
    std::size_t len = digit_run(s, pos, clock.hour);
    if (len == 0 || len > 2 || clock.hour > 24) return std::nullopt;
    std::size_t i = pos + len;
    if (i + 2 < s.size() && (s[i] == '.' || s[i] == ':') && is_digit(s[i + 1]) &&
        is_digit(s[i + 2]) && (i + 3 >= s.size() || !is_digit(s[i + 3]))) {
        clock.minute = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        if (clock.minute > 59) return std::nullopt;
        i += 3;
    }
    clock.end = i;
    return clock;
}

std::string hhmm(const Clock& c) {
    std::string out;
    out += static_cast<char>('0' + c.hour / 10);
    out += static_cast<char>('0' + c.hour % 10);
    out += '.';
    int minute = c.minute < 0 ? 0 : c.minute;
    out += static_cast<char>('0' + minute / 10);
    out += static_cast<char>('0' + minute % 10);
    return out;
}

bool kl_before(std::string_view s, std::size_t pos) {
    while (pos > 0 && s[pos - 1] == ' ')
        --pos;
    std::string before = fold(s.substr(pos >= 8 ? pos - 8 : 0, pos >= 8 ? 8 : pos));
    return before.ends_with("kl") || before.ends_with("kl.") || before.ends_with("klockan");
}

}  // namespace

std::optional<TimeSpan> find_time_span(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_digit(s[i])) continue;
        if (i > 0) {
            char prev = s[i - 1];
            if (is_digit(prev) || prev == '-' || prev == '.' || prev == '/' || prev == ':' ||
                static_cast<unsigned char>(prev) == 0x93 ||
                static_cast<unsigned char>(prev) == 0x94) {
                continue;
            }
        }
        auto start = read_clock(s, i);
        if (!start) continue;
        bool kl = kl_before(s, i);
        std::size_t j = start->end;
        while (j < s.size() && s[j] == ' ')
            ++j;
        std::size_t dash = dash_at(s, j);
        if (dash == 0) {
            if (kl && start->minute >= 0) return TimeSpan{hhmm(*start), ""};
            i = start->end;
            continue;
        }
        j += dash;
        while (j < s.size() && s[j] == ' ')
            ++j;
        auto end = j < s.size() && is_digit(s[j]) ? read_clock(s, j) : std::nullopt;
        if (!end) {
            i = j;
            continue;
        }
        bool glued = end->end < s.size() && (s[end->end] == '/' || is_digit(s[end->end]));
        bool minutes = start->minute >= 0 || end->minute >= 0;
        if (!glued && (minutes || kl) && end->hour >= start->hour) {
            return TimeSpan{hhmm(*start), hhmm(*end)};
        }
        i = end->end;
    }
    return std::nullopt;
}

bool is_weekday(std::string_view folded) {
    static constexpr std::array<std::string_view, 7> days = {
        "mandag", "tisdag", "onsdag", "torsdag", "fredag", "lordag", "sondag"};
    std::string_view word = trim_trailing_punct(folded);
    if (word.ends_with("en")) word.remove_suffix(2);  // "Tisdagen"
    for (auto d : days)
        if (keyword_equal(word, d)) return true;
    return false;
}

namespace {

// Words that make a dated line a deadline, a plan or an administrative date (the minutes'
// checking or posting), not the meeting's date.
constexpr std::string_view deadline_words[] = {"senast",
                                               "till",
                                               "fore",
                                               "innan",
                                               "infor",
                                               "efter",
                                               "fran",
                                               "tom",
                                               "t.o.m",
                                               "fr.o.m",
                                               "from",
                                               "mellan",
                                               "nasta",
                                               "kommande",
                                               "deadline",
                                               "klar",
                                               "klart",
                                               "planeras",
                                               "preliminart",
                                               "justeras",
                                               "justerat",
                                               "skickas",
                                               "aterrapporteras",
                                               "redovisas",
                                               "sista",
                                               "bevis",
                                               "uppsattande",
                                               "nedtagande"};

bool is_deadline_word(std::string_view folded) {
    // "Justeringens plats och tid", "Justeringsdatum", "Anslagsdatum".
    if (folded.starts_with("justering") || folded.starts_with("anslag")) return true;
    for (auto w : deadline_words)
        if (folded == w) return true;
    return false;
}

bool is_date_label(std::string_view folded) {
    static constexpr std::array<std::string_view, 8> labels = {
        "datum", "motesdatum", "sammantradesdatum", "tid", "tidpunkt", "nar", "dag", "plats"};
    for (auto l : labels)
        if (folded == l) return true;
    return false;
}

// What the words of a dated line, other than the date, say about it.
struct DateLineWords {
    bool weekday = false;
    bool label = false;        // "Datum:", "Tid och plats:"
    bool deadline = false;     // "senast", "nästa", "justeras"
    std::size_t other = 0;     // words that are none of the above, a time or a page number
    std::size_t capitals = 0;  // of which upper-case words ("HELSINGBORG") or page labels
};

DateLineWords date_line_words(std::string_view text, const DateHit& hit) {
    DateLineWords info;
    std::size_t index = 0;
    auto classify = [&](std::string_view part) {
        for (auto w : words(part)) {
            std::string folded = fold(w);
            std::string_view word = trim_trailing_punct(folded);
            while (!word.empty() && (word.front() == '(' || word.front() == '-')) {
                word.remove_prefix(1);
            }
            ++index;
            if (word.empty()) continue;
            bool numeric = word.find_first_not_of("0123456789.:-()/") == std::string_view::npos;
            if (numeric || word == "kl" || word == "klockan" || word == "den" || word == "och" ||
                word == "\u2013" || word == "sida" || word == "av" || word == "dnr") {
                continue;
            }
            if (is_weekday(word)) {
                info.weekday = true;
            } else if (is_date_label(word) && index == 1) {
                info.label = true;
            } else if (is_deadline_word(word)) {
                info.deadline = true;
            } else {
                ++info.other;
                bool upper =
                    !w.empty() && !starts_lower(w) && fold(w) != w &&
                    std::string(w).find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
                if (upper) ++info.capitals;
            }
        }
    };
    classify(text.substr(0, hit.begin));
    classify(text.substr(hit.end));
    return info;
}

const DateHit* first_meeting_hit(const std::vector<DateHit>& hits) {
    for (const auto& h : hits)
        if (!h.range) return &h;
    return nullptr;
}

bool ends_with_any_of(std::string_view s, std::string_view chars) {
    return !s.empty() && chars.find(s.back()) != std::string_view::npos;
}

// A date wrapped onto a line of its own from the sentence above ("... ska vara färdigt
// senast" / "30 mars 2019."): a deadline, however alone it stands.
bool continues_sentence(const Document& doc, std::size_t i) {
    std::string_view text = doc.lines[i].text;
    // A date ending a sentence ("30 mars 2019.") continues the text above it, even across a
    // page break (a blank line, a footer); a page header never ends with a full stop.
    bool sentence_end = text.ends_with('.') && !text.ends_with("..");
    std::size_t k = i;
    while (k > 0) {
        const Line& above = doc.lines[k - 1];
        if (above.blank() || above.noise()) {
            if (!sentence_end) return false;
            --k;
            continue;
        }
        auto above_words = words(above.text);
        std::string last = fold(trim_trailing_punct(above_words.back()));
        if (is_deadline_word(last) || last == "den" || last == "om" || last == "med") return true;
        return sentence_end && !ends_with_any_of(above.text, ".:!?");
    }
    return false;
}

}  // namespace

bool is_page_header(std::string_view text) {
    auto hits = find_dates(text);
    const DateHit* hit = first_meeting_hit(hits);
    if (!hit) {
        // "Sida 2 av 5", "2 (5)", "- 3 -": a page number alone.
        std::string folded = fold(text);
        std::string_view rest = folded;
        if (rest.starts_with("sida")) rest.remove_prefix(4);
        return !rest.empty() && rest.size() <= 12 &&
               rest.find_first_not_of("0123456789 ()/-av") == std::string_view::npos &&
               rest.find_first_of("0123456789") != std::string_view::npos;
    }
    if (hits.size() > 1) return false;
    DateLineWords info = date_line_words(text, *hit);
    // The city or organisation in capitals, a page number, nothing else.
    return !info.weekday && !info.label && !info.deadline && info.other == info.capitals &&
           info.other <= 3;
}

namespace {

// The time on a dating line (after the date, else before it), else on a line soon after it
// ("Kl. 13.00-15.30", "Tid: 13-16.00", "Plats och tid: Stadshuset, kl. 13-15").
std::optional<TimeSpan> time_near(const Document& doc, std::size_t i, const DateHit& hit) {
    std::string_view text = doc.lines[i].text;
    auto time = find_time_span(text.substr(hit.end));
    if (!time) time = find_time_span(text.substr(0, hit.begin));
    std::size_t looked = 0;
    for (std::size_t k = i + 1; !time && k < doc.lines.size() && looked < 4; ++k) {
        const Line& line = doc.lines[k];
        if (line.blank() || line.noise()) continue;
        ++looked;
        auto first = words(line.text);
        std::string w = fold(trim_trailing_punct(first[0]));
        if (w == "kl" || w == "klockan" || w == "tid" || w == "tidpunkt" || w == "plats" ||
            std::isdigit(static_cast<unsigned char>(first[0][0]))) {
            time = find_time_span(line.text);
        }
    }
    return time;
}

struct Candidate {
    std::size_t line;
    DateHit hit;
};

}  // namespace

MeetingWhen find_meeting_date(const Document& doc) {
    MeetingWhen when;
    std::vector<Candidate> strong;  // page headers, weekday and "Datum:" lines
    std::optional<Candidate> weak;  // the first short dated line of the header
    std::size_t nonblank = 0;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line& line = doc.lines[i];
        if (line.blank() || line.footer) continue;
        ++nonblank;
        auto hits = find_dates(line.text);
        const DateHit* hit = first_meeting_hit(hits);
        if (!hit) continue;
        DateLineWords info = date_line_words(line.text, *hit);
        bool lone = info.other == 0 && !info.weekday && !info.label;
        if (lone && continues_sentence(doc, i)) continue;
        bool is_strong = line.page_header;
        if (!is_strong) {
            if (info.deadline) continue;
            is_strong = info.label || (info.weekday && info.other <= 3) || info.other == 0;
            bool header = i < doc.body_start && nonblank <= 15 && info.other <= 8;
            if (!is_strong && header && !weak) weak = Candidate{i, *hit};
        }
        if (is_strong) strong.push_back(Candidate{i, *hit});
    }
    if (strong.empty() && weak) strong.push_back(*weak);
    if (strong.empty()) return when;
    when.date = strong.front().hit.date;
    // A page header dates the meeting first; the time is on its weekday line further down.
    for (const auto& c : strong) {
        if (c.hit.date != *when.date) continue;
        when.time = time_near(doc, c.line, c.hit);
        if (when.time) break;
    }
    return when;
}

}  // namespace minutes::meeting_detail
