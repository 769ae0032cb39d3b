#include "text.hh"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <optional>
#include <stdexcept>

namespace minutes {
namespace {

bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// ICU's break iterators are costly to create, so each thread keeps one and re-targets it.
icu::BreakIterator& word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> bi(
            icu::BreakIterator::createWordInstance(icu::Locale("sv", "SE"), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
        return bi;
    }();
    return *breaker;
}

std::uint32_t count_newlines(std::string_view text, std::size_t from, std::size_t to) {
    std::uint32_t n = 0;
    for (std::size_t i = from; i < to; ++i)
        n += text[i] == '\n';
    return n;
}

bool is_digit_word(std::string_view word) {
    bool digit = false;
    for (char c : word) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != '.' && c != ',')
            return false;
    }
    return digit;
}

void emit_piece(std::string_view text, std::size_t start, std::size_t end, std::uint32_t line,
                const std::function<void(const Token&)>& sink) {
    if (start >= end) return;
    std::string_view word = text.substr(start, end - start);
    sink(Token{word, fold_case(word), start, line, is_digit_word(word)});
}

// Emits one ICU word, handling the colons that Swedish word-break rules keep inside words:
// each colon splits, except before a last piece of at most two letters ("SFF:s" -> "SFF").
// A loop, not recursion: a document may hold a chain of thousands of colons.
void emit_word(std::string_view text, std::size_t start, std::size_t end, std::uint32_t line,
               const std::function<void(const Token&)>& sink) {
    while (true) {
        std::size_t colon = text.substr(start, end - start).find(':');
        if (colon == std::string_view::npos) return emit_piece(text, start, end, line, sink);
        colon += start;
        std::string_view tail = text.substr(colon + 1, end - colon - 1);
        if (tail.find(':') == std::string_view::npos && tail.size() <= 2)
            return emit_piece(text, start, colon, line, sink);
        emit_piece(text, start, colon, line, sink);
        start = colon + 1;
    }
}

}  // namespace

bool has_non_ascii(std::string_view text) {
    return !is_ascii(text);
}

std::string fold_case(std::string_view text) {
    if (is_ascii(text)) return ascii_lower(text);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    std::string out;
    u.foldCase().toUTF8String(out);
    return out;
}

namespace {

// Folded base letters of U+00C0..U+00FF as ICU gives them; '*': no one-letter fold (æ, ß).
constexpr std::string_view latin1_base =
    "aaaaaa*ceeeeiiii*nooooo**uuuuy**aaaaaa*ceeeeiiii*nooooo**uuuuy*y";

// The fold of Latin-1 text without ICU (most Swedish text), or nullopt for other text.
std::optional<std::string> fold_latin1(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if ((c != 0xC3) || i + 1 >= text.size()) return std::nullopt;
        auto next = static_cast<unsigned char>(text[++i]);
        if (next < 0x80 || next > 0xBF || latin1_base[next - 0x80] == '*') return std::nullopt;
        out += latin1_base[next - 0x80];
    }
    return out;
}

}  // namespace

std::string fold_diacritics(std::string_view text) {
    if (auto fast = fold_latin1(text)) return *fast;
    std::string folded = fold_case(text);
    if (is_ascii(folded)) return folded;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return folded;
    icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(folded), status);
    if (U_FAILURE(status)) return folded;
    icu::UnicodeString stripped;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
        i += U16_LENGTH(c);
    }
    std::string out;
    stripped.toUTF8String(out);
    return out;
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        // U+E000..U+F8FF is EE 80 80 .. EF A3 BF in UTF-8.
        if ((c == 0xEE || (c == 0xEF && i + 1 < text.size() &&
                           static_cast<unsigned char>(text[i + 1]) <= 0xA3)) &&
            i + 2 < text.size()) {
            i += 2;
            space = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    return out;
}

void tokenize(std::string_view text, const std::function<void(const Token&)>& sink) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return;
    icu::BreakIterator& bi = word_breaker();
    bi.setText(ut, status);
    std::uint32_t line = 1;
    std::size_t line_counted_to = 0;
    std::int32_t start = bi.first();
    for (std::int32_t end = bi.next(); end != icu::BreakIterator::DONE;
         start = end, end = bi.next()) {
        if (bi.getRuleStatus() == UBRK_WORD_NONE) continue;
        line += count_newlines(text, line_counted_to, static_cast<std::size_t>(start));
        line_counted_to = static_cast<std::size_t>(start);
        emit_word(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end), line, sink);
    }
    utext_close(ut);
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    int32_t i = 0, n = static_cast<int32_t>(text.size());
    while (i < n) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            out += "\uFFFD";
        } else if (c == 0x02 || c == 0x03 || c == '\n') {
            out += static_cast<char>(c);  // our own markers and line ends are handled by callers
        } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            out += "\uFFFD";  // control characters, escape sequences included
        } else {
            out.append(
                text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::string printable_name(std::string_view name) {
    std::string out = terminal_safe(name);
    for (std::size_t at; (at = out.find_first_of("\n\x02\x03")) != std::string::npos;)
        out.replace(at, 1, "\uFFFD");
    return out;
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    int32_t i = 0, n = static_cast<int32_t>(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
        out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
    }
    return out;
}

std::string utf8(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        uint8_t buf[4];
        int32_t len = 0;
        UBool error = false;
        U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
        if (!error) out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
    }
    return out;
}

}  // namespace minutes
