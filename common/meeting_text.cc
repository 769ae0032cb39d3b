// Text tests shared by the meeting parser: folding, OCR-tolerant keywords, line joining and the
// shape of people's names in lists.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>

#include "body.hh"
#include "meeting_lines.hh"
#include "text.hh"

namespace minutes::meeting_detail {

namespace {

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r') {
        len = 1;
        return true;
    }
    // U+00A0 no-break space, common in PDF extractions.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        len = 2;
        return true;
    }
    return false;
}

UChar32 code_point_at(std::string_view s, std::size_t i, std::size_t* next = nullptr) {
    int32_t pos = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    if (next) *next = static_cast<std::size_t>(pos);
    return c;
}

}  // namespace

std::string_view trim(std::string_view s) {
    std::size_t len = 0;
    std::size_t begin = 0;
    while (begin < s.size() && is_space_at(s, begin, len))
        begin += len;
    std::size_t end = s.size();
    while (end > begin) {
        if (is_space_at(s, end - 1, len)) {
            --end;
        } else if (end >= begin + 2 && is_space_at(s, end - 2, len) && len == 2) {
            end -= 2;
        } else {
            break;
        }
    }
    return s.substr(begin, end - begin);
}

std::string fold(std::string_view s) {
    return fold_diacritics(s);  // the one normaliser (text.hh), as the index uses it
}

bool keyword_equal(std::string_view folded_word, std::string_view keyword) {
    if (folded_word.size() == keyword.size()) {
        std::size_t allowed = keyword.size() >= 11 ? 2 : keyword.size() >= 6 ? 1 : 0;
        std::size_t differences = 0;
        for (std::size_t i = 0; i < keyword.size(); ++i) {
            if (folded_word[i] != keyword[i] && ++differences > allowed) return false;
        }
        return true;
    }
    // One letter too many or too few in a long word ("niarvarande"), nothing else.
    if (keyword.size() < 8) return false;
    std::string_view shorter = folded_word.size() < keyword.size() ? folded_word : keyword;
    std::string_view longer = folded_word.size() < keyword.size() ? keyword : folded_word;
    if (longer.size() != shorter.size() + 1) return false;
    std::size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i])
        ++i;
    return shorter.substr(i) == longer.substr(i + 1);
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    std::size_t len = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space_at(s, i, len))
            i += len;
        std::size_t begin = i;
        while (i < s.size() && !is_space_at(s, i, len))
            ++i;
        if (i > begin) out.push_back(s.substr(begin, i - begin));
    }
    return out;
}

std::string_view trim_trailing_punct(std::string_view s) {
    s = trim(s);
    while (!s.empty() && std::string_view(" .,:;").find(s.back()) != std::string_view::npos) {
        s.remove_suffix(1);
        s = trim(s);
    }
    return s;
}

bool starts_upper(std::string_view s) {
    if (s.empty()) return false;
    UChar32 c = code_point_at(s, 0);
    return c > 0 && (u_isupper(c) || u_istitle(c));
}

bool starts_lower(std::string_view s) {
    if (s.empty()) return false;
    UChar32 c = code_point_at(s, 0);
    return c > 0 && u_islower(c);
}

namespace {

// A hyphen at a line end joins the halves of one word ("verksam-" + "hetschefer"), unless the
// first half is an abbreviation or code that forms a compound ("Vp-", "SBS-", "H22-", as the
// body does: body.hh hyphen_belongs), or the next word is a conjunction ("Barn-" + "och").
bool is_conjunction(std::string_view word) {
    std::string folded = fold(word);
    return folded == "och" || folded == "eller" || folded == "samt" || folded == "till";
}

bool keeps_hyphen(std::string_view before, std::string_view next_word) {
    return is_conjunction(next_word) || hyphen_belongs(before);
}

}  // namespace

void append_wrapped(std::string& out, std::string_view line) {
    auto parts = words(line);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        std::string_view word = parts[k];
        if (out.empty()) {
            out.append(word);
            continue;
        }
        // "verksam-" at the end of the previous line, a lower-case word starting this one.
        bool hyphen_join = k == 0 && out.size() > 1 && out.back() == '-' &&
                           out[out.size() - 2] != ' ' && starts_lower(word);
        if (hyphen_join) {
            std::size_t start = out.find_last_of(' ');
            start = start == std::string::npos ? 0 : start + 1;
            std::string_view before(out.data() + start, out.size() - start - 1);
            if (!keeps_hyphen(before, word)) {
                out.pop_back();
            } else if (is_conjunction(word)) {
                out += ' ';  // "Barn-" + "och" -> "Barn- och"
            }
            out.append(word);
            continue;
        }
        out += ' ';
        out.append(word);
    }
}

// ---- names ----

bool l_for_capital_i(std::string_view word) {
    if (word.size() < 3 || word[0] != 'l') return false;
    char second = word[1];
    return std::string_view("bcdfghklmnpqrstvwxz").find(second) != std::string_view::npos &&
           starts_lower(word.substr(1));
}

namespace {

// Capitalised words that sit next to names in lists but are never names.
constexpr std::string_view non_names[] = {"beslut",
                                          "information",
                                          "motesanteckningar",
                                          "minnesanteckningar",
                                          "protokoll",
                                          "dagordning",
                                          "plats",
                                          "tid",
                                          "datum",
                                          "tema",
                                          "teams",
                                          "via",
                                          "kl",
                                          "alla",
                                          "inga",
                                          "mote",
                                          "ledningsgruppen",
                                          "styrgruppen",
                                          "ovrigt",
                                          "agenda",
                                          "ansvar",
                                          "bilaga",
                                          "dnr",
                                          "paragraf",
                                          "sida",
                                          "justeras"};

bool is_non_name(std::string_view folded) {
    for (auto w : non_names)
        if (folded == w) return true;
    return false;
}

bool is_letter_or_mark(UChar32 c) {
    return u_isalpha(c) || u_getCombiningClass(c) > 0;
}

}  // namespace

bool is_name_word(std::string_view word) {
    if (word.empty()) return false;
    std::size_t i = 0;
    std::size_t next = 0;
    UChar32 first = code_point_at(word, 0, &next);
    // OCR reads a leading Ö as 0 or 6 ("0berg"); what follows must then be lower case.
    bool ocr_initial =
        (first == '0' || first == '6') && word.size() >= 3 && starts_lower(word.substr(1));
    // OCR reads a leading I as l: no Swedish word opens with l and a consonant other than j
    // ("lngrid", "lvarsson").
    ocr_initial = ocr_initial || l_for_capital_i(word);
    if (first < 0 || !(u_isupper(first) || u_istitle(first) || ocr_initial)) return false;
    i = next;
    // An initial: "B." or "B".
    if (i == word.size() || (i + 1 == word.size() && word[i] == '.')) return true;
    std::size_t lower = 0;
    bool after_hyphen = false;
    bool second = true;
    while (i < word.size()) {
        UChar32 c = code_point_at(word, i, &next);
        i = next;
        if (c < 0) return false;
        if (c == '-' || c == '\'' || c == 0x2019) {
            after_hyphen = true;
            second = false;
            continue;
        }
        if (u_isdigit(c)) {  // OCR: "Sj6berg", "Lindh0lm"
            second = false;
            continue;
        }
        if (!is_letter_or_mark(c)) return false;
        // "LG", "SBS", "IT-avdelningen": an acronym, not a name.
        if (second && u_isupper(c)) return false;
        if (u_islower(c)) ++lower;
        second = false;
        after_hyphen = false;
    }
    if (after_hyphen || lower < 1) return false;
    return !is_non_name(fold(word));
}

bool is_name_particle(std::string_view word) {
    constexpr std::string_view particles[] = {"von", "af", "van", "der", "de",
                                              "la",  "du", "da",  "di",  "al"};
    for (auto p : particles)
        if (word == p) return true;
    return false;
}

bool is_partial_verb(std::string_view folded) {
    constexpr std::string_view verbs[] = {"deltog",    "deltar",     "anslot",  "lamnade",
                                          "narvarade", "medverkade", "deltagit"};
    for (auto v : verbs)
        if (keyword_equal(folded, v)) return true;
    return false;
}

namespace {

bool is_secretary_word(std::string_view folded) {
    folded = trim_trailing_punct(folded);
    return folded == "sekr" || keyword_equal(folded, "sekreterare") ||
           keyword_equal(folded, "protokollforare") || keyword_equal(folded, "motessekreterare");
}

// Names have no digits: a digit in one is OCR damage, and the reading is unambiguous
// enough to undo (6 -> ö, 0 -> o, 1 -> l; at the start 0 and 6 are Ö).
void append_name_word(std::string& out, std::string_view word) {
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        bool initial = i == 0;
        switch (c) {
            case '6':
                out += initial ? "\u00D6" : "\u00F6";
                break;
            case '0':
                out += initial ? "\u00D6" : "o";
                break;
            case '1':
                out += 'l';
                break;
            case 'l':
                out += initial && l_for_capital_i(word) ? 'I' : 'l';
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

Person parse_person(std::string_view item) {
    Person person;
    // Parenthesised notes: "(sekr)", "(S)", "(deltog via Teams)".
    std::string outside;
    std::vector<std::string_view> notes;
    std::size_t depth = 0;
    std::size_t note_begin = 0;
    for (std::size_t i = 0; i < item.size(); ++i) {
        char c = item[i];
        if (c == '(') {
            if (depth++ == 0) note_begin = i + 1;
            outside += ' ';
        } else if (c == ')' && depth > 0) {
            if (--depth == 0) notes.push_back(trim(item.substr(note_begin, i - note_begin)));
        } else if (depth == 0) {
            outside += c;
        }
    }
    if (depth > 0) notes.push_back(trim(item.substr(note_begin)));

    auto tokens = words(outside);
    std::size_t k = 0;
    std::vector<std::string_view> name;
    while (k < tokens.size()) {
        std::string_view w = tokens[k];
        if (!w.empty() && (w.back() == ',' || w.back() == ';')) w.remove_suffix(1);
        bool last = k + 1 == tokens.size();
        if (!w.empty() && w.back() == '.' && w.size() > 2) w.remove_suffix(1);
        if (is_name_word(w)) {
            name.push_back(w);
        } else if (!name.empty() && !last && is_name_particle(w) && is_name_word(tokens[k + 1])) {
            name.push_back(w);
        } else {
            break;
        }
        ++k;
    }
    if (name.size() > 5) name.clear(), k = 0;
    for (std::size_t n = 0; n < name.size(); ++n) {
        if (n) person.name += ' ';
        append_name_word(person.name, name[n]);
    }
    person.words = name.size();

    std::string rest;
    for (std::size_t r = k; r < tokens.size(); ++r) {
        if (!rest.empty()) rest += ' ';
        rest.append(tokens[r]);
    }
    std::string_view rest_view = trim(rest);
    // Dashes and commas between a name and its role: "Anna Berg – ordförande".
    while (!rest_view.empty() && (rest_view.front() == '-' || rest_view.front() == ',')) {
        rest_view = trim(rest_view.substr(1));
    }
    if (rest_view.starts_with("\u2013") || rest_view.starts_with("\u2014")) {
        rest_view = trim(rest_view.substr(3));
    }
    person.rest = !rest_view.empty() || !notes.empty();

    auto rest_words = words(rest_view);
    for (auto w : rest_words)
        if (is_secretary_word(fold(w))) person.secretary = true;
    if (!rest_words.empty() && is_partial_verb(fold(trim_trailing_punct(rest_words[0])))) {
        person.note = std::string(trim_trailing_punct(rest_view));
    }
    for (auto note : notes) {
        auto note_words = words(note);
        if (note_words.empty()) continue;
        if (is_secretary_word(fold(note_words[0]))) person.secretary = true;
        if (person.note.empty() && is_partial_verb(fold(note_words[0]))) {
            person.note = std::string(trim_trailing_punct(note));
        }
    }
    return person;
}

std::vector<std::string> split_people(std::string_view list) {
    std::vector<std::string> items;
    std::string current;
    auto flush = [&] {
        std::string_view t = trim(current);
        if (!t.empty()) items.emplace_back(t);
        current.clear();
    };
    std::size_t depth = 0;
    std::size_t i = 0;
    while (i < list.size()) {
        char c = list[i];
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        if (depth == 0 && (c == ',' || c == ';' || c == '\t')) {
            flush();
            ++i;
            continue;
        }
        if (depth == 0 && c == ' ') {
            // A wide gap separates columns in protocol layouts.
            std::size_t gap = list.find_first_not_of(' ', i);
            if (gap == std::string_view::npos) break;
            if (gap - i >= 3) {
                flush();
                i = gap;
                continue;
            }
            // " och Name", " samt Name", " & Name": a conjunction before a name (not
            // "Barn- och utbildning", not "administration och juridik").
            std::string_view after = list.substr(gap);
            std::size_t end = after.find(' ');
            std::string_view word = after.substr(0, end);
            std::string folded = fold(word);
            if ((folded == "och" || folded == "samt" || folded == "&" || folded == "+") &&
                end != std::string_view::npos && !current.empty() && current.back() != '-') {
                std::string_view next = trim(after.substr(end));
                if (starts_upper(next)) {
                    flush();
                    i = gap + end;
                    continue;
                }
            }
        }
        current += c;
        ++i;
    }
    flush();
    return items;
}

}  // namespace minutes::meeting_detail
