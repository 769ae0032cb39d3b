// Bytes on disk -> UTF-8 text. Detects the encoding (BOMs, valid UTF-8, UTF-16 without BOM,
// Windows-1252 / ISO-8859-1 as the fallback), refuses what is not text, and normalises the
// result: NFC, LF line ends, no control characters but tab and LF. The number of lines never
// changes, so line N of the text is line N of the file on disk (as `grep -n` numbers it).
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace minutes {

struct DecodedText {
    std::string text;      // valid UTF-8, NFC, '\n' line ends
    std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
};

// Why a file is not indexed as text ("contains NUL bytes", "mostly non-printable bytes").
struct NotText {
    std::string reason;
};

std::variant<DecodedText, NotText> decode_document(std::string_view bytes);

// True when `bytes` is well-formed UTF-8: no overlong forms, surrogates, code points past
// U+10FFFF or truncated sequences.
bool is_valid_utf8(std::string_view bytes);

}  // namespace minutes
