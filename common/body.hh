// The body of a document as the index sees it. Text extracted from PDFs carries page
// furniture (a header such as "2 HELSINGBORG 2022-10-11", a lone date line, a footer such as
// "Vid anteckningarna/Marie Krantz") in the middle of the running text, words hyphenated
// across line ends ("verk-" / "samhetsdialoger"), and list bullets ("o", "e" or a glyph).
// prepare_body moves furniture out of the running text, so that a phrase spanning a page
// break still matches, joins hyphenated words, and drops bullets, while remembering for
// every byte which line of the original it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minutes {

struct Segment {
    // A piece of the original copied into `text`: where it starts in `text`, its line in the
    // original, and where it starts in the original (a byte offset).
    struct Piece {
        std::size_t offset;
        std::uint32_t line;
        std::size_t source;
    };
    std::string text;
    std::vector<Piece> pieces;  // in order

    std::uint32_t line_at(std::size_t offset) const;
    // The byte offset in the original of the byte at `offset` in `text`.
    std::size_t source_at(std::size_t offset) const;
};

struct Body {
    Segment running;    // the text people read, as one flow
    Segment furniture;  // page headers and footers, one per line
};

Body prepare_body(std::string_view text);

// Whether a hyphen after `before` belongs to the word: `before` is a code or an abbreviation,
// with a digit ("H22-projektet"), no vowel ("Vp-arbetet") or in capitals ("IT-stöd").
// Otherwise the hyphen only broke the word ("verk-samhetsdialoger").
bool hyphen_belongs(std::string_view before);

// A line that is page furniture rather than running text (exposed for tests).
bool is_page_furniture(std::string_view line);

}  // namespace minutes
