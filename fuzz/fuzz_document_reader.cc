// Bytes in any encoding -> text -> body -> words: decode_document, prepare_body, tokenize and
// for_each_body_word on arbitrary bytes, checking what the headers promise.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "body.hh"
#include "document.hh"
#include "encoding.hh"
#include "fuzz_check.hh"
#include "text.hh"

using namespace minutes;
using minutes::fuzz::show;

namespace {

// newlines[i]: the number of '\n' in text[0, i).
std::vector<std::uint32_t> newline_counts(std::string_view text) {
    std::vector<std::uint32_t> counts(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i)
        counts[i + 1] = counts[i] + (text[i] == '\n');
    return counts;
}

// LF and CR in the input as the decoder reads it: bytes for 8-bit encodings, 16-bit code
// units for UTF-16.
struct LineEnds {
    std::size_t lf = 0, cr = 0;
};

LineEnds line_ends(std::string_view bytes, std::string_view encoding) {
    LineEnds ends;
    if (encoding == "utf-16le" || encoding == "utf-16be") {
        const bool little = encoding == "utf-16le";
        std::string_view units = bytes;
        if (units.size() >= 2 &&
            (units.substr(0, 2) == "\xFF\xFE" || units.substr(0, 2) == "\xFE\xFF"))
            units.remove_prefix(2);
        for (std::size_t i = 0; i + 1 < units.size(); i += 2) {
            auto lo = static_cast<unsigned char>(units[little ? i : i + 1]);
            auto hi = static_cast<unsigned char>(units[little ? i + 1 : i]);
            if (hi != 0) continue;
            ends.lf += lo == '\n';
            ends.cr += lo == '\r';
        }
        return ends;
    }
    for (char c : bytes) {
        ends.lf += c == '\n';
        ends.cr += c == '\r';
    }
    return ends;
}

bool is_nfc(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return true;
    return nfc->isNormalized(icu::UnicodeString::fromUTF8(text), status) && U_SUCCESS(status);
}

// What the decoder promises of its text.
void check_decoded(std::string_view bytes, const DecodedText& decoded) {
    const std::string& text = decoded.text;
    FUZZ_CHECK(is_valid_utf8(text), show(text));
    const std::string& enc = decoded.encoding;
    FUZZ_CHECK(enc == "utf-8" || enc == "utf-8-bom" || enc == "utf-16le" || enc == "utf-16be" ||
                   enc == "windows-1252",
               enc);
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        // No control characters but tab and LF: no CR, FF, ESC, DEL, C1 (U+0080..U+009F).
        FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n', show(text.substr(i > 20 ? i - 20 : 0, 40)));
        FUZZ_CHECK(c != 0x7F, show(text.substr(i > 20 ? i - 20 : 0, 40)));
        if (c == 0xC2 && i + 1 < text.size())
            FUZZ_CHECK(static_cast<unsigned char>(text[i + 1]) >= 0xA0,
                       show(text.substr(i > 20 ? i - 20 : 0, 40)));
    }
    FUZZ_CHECK(is_nfc(text), show(text));
    // "The number of lines never changes": line N of the text is line N of the file. In a
    // file without LF, CR ends lines (classic Mac).
    LineEnds ends = line_ends(bytes, enc);
    std::size_t expected = ends.lf > 0 ? ends.lf : ends.cr;
    std::size_t newlines = 0;
    for (char c : text)
        newlines += c == '\n';
    FUZZ_CHECK(newlines == expected, enc + ": " + std::to_string(newlines) +
                                         " line ends, input has " + std::to_string(ends.lf) +
                                         " LF and " + std::to_string(ends.cr) + " CR");
}

void check_tokens(const std::string& text, const std::vector<std::uint32_t>& newlines) {
    const std::uint32_t lines = newlines.back() + 1;
    std::size_t previous_end = 0;
    tokenize(text, [&](const Token& t) {
        const char* begin = text.data();
        FUZZ_CHECK(!t.text.empty(), "empty token");
        FUZZ_CHECK(t.text.data() >= begin && t.text.data() + t.text.size() <= begin + text.size(),
                   "token outside the text: " + show(t.text));
        FUZZ_CHECK(t.offset == static_cast<std::size_t>(t.text.data() - begin),
                   std::to_string(t.offset));
        FUZZ_CHECK(t.offset >= previous_end,
                   "tokens overlap or go back at " + std::to_string(t.offset));
        previous_end = t.offset + t.text.size();
        FUZZ_CHECK(is_valid_utf8(t.text), show(t.text));
        FUZZ_CHECK(is_valid_utf8(t.term), show(t.term));
        FUZZ_CHECK(t.text.find('\n') == std::string_view::npos, show(t.text));
        FUZZ_CHECK(t.line >= 1 && t.line <= lines,
                   "line " + std::to_string(t.line) + " of " + std::to_string(lines));
        FUZZ_CHECK(t.line == newlines[t.offset] + 1, "line " + std::to_string(t.line) +
                                                         ", expected " +
                                                         std::to_string(newlines[t.offset] + 1));
    });
}

// Every piece of a segment is a copy of the original at its source offset, on its line.
void check_segment(const Segment& seg, std::string_view text,
                   const std::vector<std::uint32_t>& newlines, const char* name) {
    for (std::size_t i = 0; i < seg.pieces.size(); ++i) {
        const Segment::Piece& p = seg.pieces[i];
        std::size_t end = i + 1 < seg.pieces.size() ? seg.pieces[i + 1].offset : seg.text.size();
        FUZZ_CHECK(p.offset <= end && end <= seg.text.size(),
                   std::string(name) + ": piece " + std::to_string(i) + " out of order");
        std::string_view content = std::string_view(seg.text).substr(p.offset, end - p.offset);
        if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
        FUZZ_CHECK(content.find('\n') == std::string_view::npos,
                   std::string(name) + ": piece spans lines: " + show(content));
        FUZZ_CHECK(p.source <= text.size() && content.size() <= text.size() - p.source,
                   std::string(name) + ": piece source out of range");
        FUZZ_CHECK(text.substr(p.source, content.size()) == content,
                   std::string(name) + ": piece " + show(content) + " is not the original " +
                       show(text.substr(p.source, content.size())));
        FUZZ_CHECK(p.line == newlines[p.source] + 1,
                   std::string(name) + ": piece on line " + std::to_string(p.line) +
                       ", its source on line " + std::to_string(newlines[p.source] + 1));
        for (std::size_t k = 0; k < content.size(); ++k) {
            std::size_t at = p.offset + k;
            FUZZ_CHECK(seg.line_at(at) == p.line, std::string(name) + ": line_at");
            FUZZ_CHECK(seg.source_at(at) == p.source + k, std::string(name) + ": source_at");
        }
    }
    FUZZ_CHECK(is_valid_utf8(seg.text), std::string(name) + ": " + show(seg.text));
}

void check_body(const std::string& text, const std::vector<std::uint32_t>& newlines) {
    const std::uint32_t lines = newlines.back() + 1;
    Body body = prepare_body(text);
    check_segment(body.running, text, newlines, "running");
    check_segment(body.furniture, text, newlines, "furniture");
    for (const Segment* seg : {&body.running, &body.furniture}) {
        tokenize(seg->text, [&](const Token& t) {
            std::uint32_t line = seg->line_at(t.offset);
            FUZZ_CHECK(line >= 1 && line <= lines, "body word " + show(t.text) + " on line " +
                                                       std::to_string(line) + " of " +
                                                       std::to_string(lines));
            std::size_t source = seg->source_at(t.offset);
            FUZZ_CHECK(source < text.size() && text[source] == t.text[0],
                       "body word " + show(t.text) + " maps to byte " + std::to_string(source));
        });
    }
    for_each_body_word(body, [&](const IndexedWord& w, const Segment& seg) {
        FUZZ_CHECK(!w.term.empty(), "empty indexed word");
        FUZZ_CHECK(w.offset <= seg.text.size() && w.length <= seg.text.size() - w.offset,
                   "indexed word " + show(w.term) + " outside its segment");
        FUZZ_CHECK(seg.line_at(w.offset) <= lines, "indexed word past the last line");
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto decoded = decode_document(bytes);
    if (auto* not_text = std::get_if<NotText>(&decoded)) {
        FUZZ_CHECK(!not_text->reason.empty(), "NotText without a reason");
        return 0;
    }
    const DecodedText& d = std::get<DecodedText>(decoded);
    check_decoded(bytes, d);
    std::vector<std::uint32_t> newlines = newline_counts(d.text);
    check_tokens(d.text, newlines);
    check_body(d.text, newlines);
    return 0;
}
