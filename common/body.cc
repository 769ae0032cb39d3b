#include "body.hh"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

namespace minutes {
namespace {

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t count_digits(std::string_view s, std::size_t from) {
    std::size_t n = 0;
    while (from + n < s.size() && digit(s[from + n]))
        ++n;
    return n;
}

// 2019-09-17, 2019.09.17, 17/9 2019, 17/09/2019: the whole of `s`.
bool is_date(std::string_view s) {
    std::size_t a = count_digits(s, 0);
    if (a == 4 && s.size() == 10 && (s[4] == '-' || s[4] == '.') && s[7] == s[4])
        return count_digits(s, 5) == 2 && count_digits(s, 8) == 2;
    if (a < 1 || a > 2 || a >= s.size() || s[a] != '/') return false;
    std::size_t b = count_digits(s, a + 1);
    if (b < 1 || b > 2) return false;
    std::size_t rest = a + 1 + b;
    return rest + 5 == s.size() && (s[rest] == ' ' || s[rest] == '/') &&
           count_digits(s, rest + 1) == 4;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// First code point of `s` and its length in bytes (0 when empty or invalid).
std::pair<UChar32, int32_t> first_char(std::string_view s) {
    if (s.empty()) return {0, 0};
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    return {c < 0 ? 0 : c, i};
}

// "o Text", "e Text", "• Text", "« Text": a bullet (often an OCR'd glyph) opening a line.
std::string_view drop_bullet(std::string_view line) {
    std::string_view t = line;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
    for (std::string_view bullet : {"o ", "e ", "\u00AB ", "\u2022 ", "\u00B7 ", "\u00D8 ", "* "}) {
        if (!starts_with(t, bullet)) continue;
        std::string_view rest = t.substr(bullet.size());
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
        if (u_isalpha(first_char(rest).first)) return rest;
    }
    return line;
}

bool has_vowel(std::string_view word) {
    for (std::string_view v : {"a", "e", "i", "o", "u", "y", "å", "ä", "ö", "é",
                               "A", "E", "I", "O", "U", "Y", "Å", "Ä", "Ö", "É"})
        if (word.find(v) != std::string_view::npos) return true;
    return false;
}

// The word before a line-end hyphen ("verk" in "… verk-"), or empty when none.
std::string_view word_before_hyphen(std::string_view line) {
    line = trim(line);
    if (line.size() < 2 || line.back() != '-') return {};
    std::size_t end = line.size() - 1, start = end;
    while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t' &&
           line[start - 1] != '/' && line[start - 1] != '(')
        --start;
    std::string_view word = line.substr(start, end - start);
    return (!word.empty() && word.back() != '-') ? word : std::string_view{};
}

bool continues_word(std::string_view next_line);

}  // namespace

bool hyphen_belongs(std::string_view before) {
    bool upper = true;
    for (char c : before) {
        if (digit(c)) return true;
        if (c >= 'a' && c <= 'z') upper = false;
    }
    return !has_vowel(before) || (upper && before.size() >= 2);
}

namespace {

bool continues_word(std::string_view next_line) {
    std::string_view t = trim(next_line);
    if (!u_islower(first_char(t).first)) return false;
    std::string_view word = t.substr(0, t.find(' '));
    // "för- och grundskola": a suspended compound, not a broken word.
    return word != "och" && word != "eller" && word != "samt" && word != "respektive";
}

std::string digit_shape(std::string_view line) {
    std::string shape(line);
    for (char& c : shape)
        if (digit(c)) c = '#';
    return shape;
}

// `piece` is a view into `original`.
void append_piece(Segment& seg, std::string_view original, std::string_view piece,
                  std::uint32_t line) {
    seg.pieces.push_back(
        {seg.text.size(), line, static_cast<std::size_t>(piece.data() - original.data())});
    seg.text.append(piece);
}

// The piece holding byte `offset` of the text, or nullptr before the first.
const Segment::Piece* piece_at(const std::vector<Segment::Piece>& pieces, std::size_t offset) {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), offset,
                               [](std::size_t off, const auto& p) { return off < p.offset; });
    return it == pieces.begin() ? nullptr : &*std::prev(it);
}

}  // namespace

std::uint32_t Segment::line_at(std::size_t offset) const {
    const Piece* p = piece_at(pieces, offset);
    return p ? p->line : 1;
}

std::size_t Segment::source_at(std::size_t offset) const {
    const Piece* p = piece_at(pieces, offset);
    return p ? p->source + (offset - p->offset) : offset;
}

bool is_page_furniture(std::string_view line) {
    std::string_view t = trim(line);
    if (t.empty()) return false;
    if (starts_with(t, "Vid anteckningarna/") || starts_with(t, "Vid anteckningarna /"))
        return true;
    if (is_date(t)) return true;
    std::size_t lead = count_digits(t, 0);
    if (lead == t.size() && lead <= 3) return true;  // a lone page number
    if (starts_with(t, "Sida ") && count_digits(t, 5) > 0 && t.size() < 20) return true;
    // "2 HELSINGBORG 2022-10-11": page number, a name, a date.
    return lead >= 1 && lead <= 3 && t.size() > lead + 11 && t[lead] == ' ' && t.size() < 80 &&
           is_date(t.substr(t.size() - 10));
}

Body prepare_body(std::string_view text) {
    std::vector<std::string_view> lines = split_lines(text);
    std::vector<bool> furniture(lines.size());
    std::map<std::string, int> shapes;  // short lines with digits that repeat are headers too
    for (auto line : lines) {
        std::string_view t = trim(line);
        if (t.size() < 60 && std::any_of(t.begin(), t.end(), digit)) ++shapes[digit_shape(t)];
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view t = trim(lines[i]);
        bool repeated = t.size() < 60 && t.size() > 3 && count_digits(t, 0) > 0 &&
                        shapes[digit_shape(t)] >= 2 && t.find(' ') != std::string_view::npos;
        furniture[i] = is_page_furniture(t) || repeated;
    }

    Body body;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto number = static_cast<std::uint32_t>(i + 1);
        if (furniture[i]) {
            append_piece(body.furniture, text, trim(lines[i]), number);
            body.furniture.text += '\n';
            continue;
        }
        std::string_view line = drop_bullet(lines[i]);
        // A page break between the halves of a word: its furniture and blank lines (looked
        // over only after a hyphen, or runs of blank lines would cost quadratic time).
        std::string_view before = word_before_hyphen(line);
        std::size_t next = i + 1;
        while (!before.empty() && next < lines.size() &&
               (furniture[next] || trim(lines[next]).empty()))
            ++next;
        if (!before.empty() && next < lines.size() && continues_word(lines[next])) {
            for (std::size_t blank = i + 1; blank < next; ++blank)
                furniture[blank] = true;  // nothing to index; keeps the halves together
            std::string_view kept = trim(line);
            if (!hyphen_belongs(before)) kept.remove_suffix(1);
            append_piece(body.running, text, kept, number);
            lines[next] = trim(lines[next]);  // the word goes on at the start of the next line
            continue;
        }
        append_piece(body.running, text, line, number);
        body.running.text += '\n';
    }
    return body;
}

}  // namespace minutes
