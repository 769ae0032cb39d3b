// The one text pipeline: word boundaries and normalisation, shared by indexing and querying
// so that what is indexed is always what can be found.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace minutes {

// Unicode full case folding of UTF-8 text ("ÅTERKOPPLING" -> "återkoppling").
std::string fold_case(std::string_view text);

// Case folding plus removal of diacritics ("Återkoppling" -> "aterkoppling", "é" -> "e").
std::string fold_diacritics(std::string_view text);

// True when the UTF-8 text has a letter outside ASCII (so folding may change it).
bool has_non_ascii(std::string_view text);

// Text for display on one line: runs of white space (line ends included) become one space,
// PDF symbol-font glyphs (Unicode private use area) are dropped, the ends are trimmed.
std::string one_line(std::string_view text);

// UTF-8 as code points (invalid bytes become U+FFFD), and back.
std::u32string code_points(std::string_view utf8_text);
std::string utf8(std::u32string_view code_points);

// Text safe for a terminal: control characters and escape sequences from documents or file
// names become U+FFFD, and so does invalid UTF-8. Line ends and the search highlight markers
// (\x02, \x03) pass; callers handle them.
std::string terminal_safe(std::string_view text);

// A file name for a one-line message: terminal_safe, with line ends shown as U+FFFD too.
std::string printable_name(std::string_view name);

// One word of a text, as the index sees it.
struct Token {
    std::string_view text;  // the word as written in the text
    std::string term;       // the normalised form: case-folded, as indexed
    std::size_t offset;     // byte offset of the word in the text
    std::uint32_t line;     // 1-based line of the word's first character
    bool numeric;           // made of digits (possibly with . or , inside: "2022.10.11")
};

// Splits text into words with ICU's word-boundary rules (Swedish locale), and calls `sink`
// for each word in order. Punctuation, spaces and symbols (PDF bullet glyphs such as U+F0B7)
// are not words. A genitive or abbreviation after a colon ("SFF:s", "S:t") is folded into
// its word; other colons split ("a:b" -> "a", "b").
void tokenize(std::string_view text, const std::function<void(const Token&)>& sink);

}  // namespace minutes
