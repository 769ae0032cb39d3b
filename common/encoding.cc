#include "encoding.hh"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

// Detection, in order:
//   1. A BOM decides: UTF-8 (stripped), UTF-16LE, UTF-16BE.
//   2. UTF-16 without BOM: more than 40% of the bytes on one parity (odd for LE, even for BE) are
//      NUL while fewer than 2% on the other parity are, the signature of mostly-Latin UTF-16.
//   3. Any other NUL byte means binary. Valid UTF-8 is UTF-8. UTF-8 with a few bad bytes (under 1%
//      of the non-ASCII sequences) is UTF-8 with U+FFFD for them, so a stray byte does not turn
//      every å of a UTF-8 file into mojibake. Anything else is Windows-1252 (a superset of the
//      printable ISO-8859-1), which never fails.
// The decoded text is refused when more than 10% of its characters are control characters (other
// than \t \n \r \f \v) or U+FFFD, then line ends and controls are rewritten and the text is NFC.

namespace minutes {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// ---- UTF-8 validation ----------------------------------------------------------------------

// One UTF-8 sequence: its length and whether it is well-formed. An ill-formed sequence is as long
// as its maximal subpart (Unicode ch. 3, "U+FFFD Substitution of Maximal Subparts"), so each bad
// spot becomes one U+FFFD, as ICU and browsers do it.
struct Sequence {
    std::size_t length;
    bool valid;
};

Sequence next_sequence(std::string_view s, std::size_t i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return {1, true};
    // The allowed range of the second byte excludes overlongs, surrogates and > U+10FFFF.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return {1, false};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= s.size()) return {k, false};
        const auto c = static_cast<unsigned char>(s[i + k]);
        if (c < low || c > high) return {k, false};
        low = 0x80;
        high = 0xBF;
    }
    return {length, true};
}

// ASCII bytes that the cleaning pass rewrites: C0 controls other than tab and LF, and DEL.
constexpr bool is_rewritten_ascii(unsigned char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
}

// Control characters that do not occur in text: C0 other than \t \n \r \f \v, DEL.
constexpr bool is_binary_ascii(unsigned char c) {
    return (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F;
}

// True when eight bytes are printable ASCII (0x20..0x7E), which lets the scans skip them at once.
// Tab and LF fail the test and take the byte-wise path; that costs little, a few per line.
bool printable_ascii_word(const char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    const std::uint64_t del = w ^ (ones * 0x7F);
    const std::uint64_t has_del = (del - ones) & ~del & highs;
    return ((w & highs) | below_space | has_del) == 0;
}

// What one pass over the bytes learns: enough to choose the encoding and to skip every later
// pass that would not change anything (the common case for clean UTF-8 documents).
struct Utf8Scan {
    std::size_t invalid = 0;    // ill-formed sequences (maximal subparts)
    std::size_t multibyte = 0;  // well-formed non-ASCII sequences
    bool controls = false;      // something TextCleaner rewrites (CR, FF, C0, DEL, C1)
    bool suspicious = false;    // binary controls (C0 but \t \n \r \f \v, DEL, C1) or U+FFFD
};

void note_sequence(std::string_view s, std::size_t i, Sequence seq, Utf8Scan& scan) {
    if (!seq.valid) {
        ++scan.invalid;
        return;
    }
    ++scan.multibyte;
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0)
        scan.controls = scan.suspicious = true;
    if (lead == 0xEF && s.substr(i, 3) == kReplacement) scan.suspicious = true;
}

Utf8Scan scan_utf8(std::string_view s) {
    Utf8Scan scan;
    std::size_t i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size() && printable_ascii_word(s.data() + i)) {
            i += 8;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            scan.controls = scan.controls || is_rewritten_ascii(c);
            scan.suspicious = scan.suspicious || is_binary_ascii(c);
            ++i;
            continue;
        }
        const Sequence seq = next_sequence(s, i);
        note_sequence(s, i, seq, scan);
        i += seq.length;
    }
    return scan;
}

// Well-formed UTF-8 with U+FFFD in place of each ill-formed sequence.
std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (std::size_t i = 0; i < s.size();) {
        const Sequence seq = next_sequence(s, i);
        if (seq.valid)
            out.append(s.substr(i, seq.length));
        else
            out.append(kReplacement);
        i += seq.length;
    }
    return out;
}

// ---- Decoding with ICU ---------------------------------------------------------------------

using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

// `charset` decoded by ICU; ICU's default callback turns illegal input into U+FFFD, so the result
// is always valid UTF-8.
std::string decode_with_icu(std::string_view bytes, const char* charset) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
        throw std::length_error("file too large to decode: " + std::to_string(bytes.size()));
    UErrorCode status = U_ZERO_ERROR;
    Converter converter(ucnv_open(charset, &status), &ucnv_close);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("ICU converter ") + charset + ": " +
                                 u_errorName(status));
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                            status);
    if (U_FAILURE(status) || text.isBogus())
        throw std::runtime_error(std::string("cannot decode ") + charset + ": " +
                                 u_errorName(status));
    std::string out;
    text.toUTF8String(out);
    return out;
}

// "UTF-16LE" / "UTF-16BE" when BOM-less bytes look like UTF-16 of mostly Latin text (whose every
// other byte is NUL), else nullptr.
const char* guess_utf16(std::string_view bytes) {
    if (bytes.size() < 2) return nullptr;
    std::size_t nul_even = 0, nul_odd = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\0') continue;
        if (i % 2 == 0)
            ++nul_even;
        else
            ++nul_odd;
    }
    const std::size_t evens = (bytes.size() + 1) / 2, odds = bytes.size() / 2;
    auto mostly = [](std::size_t nuls, std::size_t total) { return nuls * 10 > total * 4; };
    auto rarely = [](std::size_t nuls, std::size_t total) { return nuls * 50 < total; };
    if (mostly(nul_odd, odds) && rarely(nul_even, evens)) return "UTF-16LE";
    if (mostly(nul_even, evens) && rarely(nul_odd, odds)) return "UTF-16BE";
    return nullptr;
}

// ---- Checking and cleaning the decoded text ------------------------------------------------

constexpr std::string_view kNotTextNul = "contains NUL bytes";
constexpr std::string_view kNotTextControls = "mostly non-printable bytes";

// More than 10% of the characters are binary controls (C0, DEL, C1) or U+FFFD.
bool mostly_non_printable(std::string_view s) {
    std::size_t characters = 0, bad = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) ++characters;  // every byte but continuation bytes starts one
        if (c < 0x80)
            bad += is_binary_ascii(c);
        else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
            ++bad;
        else if (c == 0xEF && s.substr(i, 3) == kReplacement)
            ++bad;
    }
    return bad * 10 > characters;
}

// Line ends and controls, on valid UTF-8. The rule keeps line N of the output line N as
// `grep -n` numbers the file, which counts only LF:
//  - CRLF -> LF.
//  - A lone CR is a line end only in files without any LF (classic Mac files). In a file with LF
//    ends it is not one for grep, so it is a "soft break" like FF and VT ("a\r\r\n" is one line).
//  - Soft breaks (FF page breaks, VT, lone CR in LF files) add no line: next to a line end or at
//    the start of a line they vanish ("a\n\f\nb" keeps its empty line 2), elsewhere they become a
//    space ("a\fb" -> "a b") so the words on either side stay apart.
//  - Other C0 controls, DEL and C1 controls (U+0080..U+009F) become a space, so no escape
//    sequence stored from a file can ever reach a terminal. Tab stays, U+FFFD stays.
class TextCleaner {
  public:
    explicit TextCleaner(std::string_view in)
        : in_(in), cr_ends_lines_(in.find('\n') == std::string_view::npos) {
        out_.reserve(in.size());
    }

    std::string run() {
        std::size_t i = 0;
        while (i < in_.size()) {
            // Copy the plain stretch up to the next byte that may need rewriting in one go.
            std::size_t j = i;
            while (j < in_.size() && !maybe_rewritten(static_cast<unsigned char>(in_[j])))
                ++j;
            out_.append(in_.substr(i, j - i));
            if (j < in_.size()) j = rewrite(j);
            i = j;
        }
        return std::move(out_);
    }

  private:
    // Control bytes, and the lead byte of C1 controls in UTF-8.
    static bool maybe_rewritten(unsigned char c) { return is_rewritten_ascii(c) || c == 0xC2; }

    // Handles the byte at `i` that maybe_rewritten() flagged; returns the index after it.
    std::size_t rewrite(std::size_t i) {
        const auto c = static_cast<unsigned char>(in_[i]);
        if (c == 0xC2) {
            const bool c1 = i + 1 < in_.size() && static_cast<unsigned char>(in_[i + 1]) < 0xA0;
            out_.append(c1 ? " " : in_.substr(i, 2));  // C1 control or an ordinary U+00A0..U+00BF
            return i + 2;
        }
        if (c == '\r' && cr_ends_lines_) {
            out_ += '\n';
        } else if (c == '\r' && i + 1 < in_.size() && in_[i + 1] == '\n') {
            // CRLF: the LF that follows ends the line.
        } else if (is_soft_break(c)) {
            soft_break(i);
        } else {
            out_ += ' ';
        }
        return i + 1;
    }

    // FF, VT and (in LF files) a CR; a CR before LF never gets here.
    bool is_soft_break(unsigned char c) const { return c == '\f' || c == '\v' || c == '\r'; }

    bool is_line_end(std::size_t i) const {
        return in_[i] == '\n' || (in_[i] == '\r' && cr_ends_lines_);
    }

    void soft_break(std::size_t i) {
        if (!out_.empty() && out_.back() != '\n' && !line_end_ahead(i)) out_ += ' ';
    }

    // Whether the run of soft breaks containing `i` ends at a line end or at the end of the text.
    // Remembered per run, so a long run of form feeds costs linear time.
    bool line_end_ahead(std::size_t i) {
        if (i < run_end_) return run_ends_line_;
        std::size_t j = i;
        while (j < in_.size() && !is_line_end(j) && is_soft_break(in_[j]))
            ++j;
        run_end_ = j;
        run_ends_line_ = j == in_.size() || is_line_end(j);
        return run_ends_line_;
    }

    std::string_view in_;
    bool cr_ends_lines_;
    std::string out_;
    std::size_t run_end_ = 0;
    bool run_ends_line_ = false;
};

const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(status));
    return *normalizer;
}

// NFC. Nearly every document already is, and the quick check is much cheaper than normalizing.
std::string to_nfc(std::string text) {
    const icu::Normalizer2& normalizer = nfc();
    UErrorCode status = U_ZERO_ERROR;
    if (normalizer.isNormalizedUTF8(text, status) && U_SUCCESS(status)) return text;
    status = U_ZERO_ERROR;
    std::string out;
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
    normalizer.normalizeUTF8(0, text, sink, nullptr, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("NFC: ") + u_errorName(status));
    return out;
}

// The checks and rewrites shared by every encoding; `text` is valid UTF-8, `scan` describes it.
std::variant<DecodedText, NotText> finish(std::string text, const Utf8Scan& scan,
                                          std::string_view encoding) {
    if (scan.suspicious && mostly_non_printable(text))
        return NotText{std::string(kNotTextControls)};
    if (scan.controls) text = TextCleaner(text).run();
    if (scan.multibyte > 0) text = to_nfc(std::move(text));  // pure ASCII is NFC already
    return DecodedText{std::move(text), std::string(encoding)};
}

std::variant<DecodedText, NotText> finish_decoded(std::string text, std::string_view encoding) {
    const Utf8Scan scan = scan_utf8(text);
    return finish(std::move(text), scan, encoding);
}

bool has_prefix(std::string_view bytes, std::string_view prefix) {
    return bytes.substr(0, prefix.size()) == prefix;
}

bool contains_nul(std::string_view bytes) {
    return bytes.find('\0') != std::string_view::npos;
}

std::variant<DecodedText, NotText> decode_utf8_bom(std::string_view body) {
    if (contains_nul(body)) return NotText{std::string(kNotTextNul)};
    const Utf8Scan scan = scan_utf8(body);
    if (scan.invalid == 0) return finish(std::string(body), scan, "utf-8-bom");
    return finish_decoded(repair_utf8(body), "utf-8-bom");  // the BOM says UTF-8, whatever follows
}

// Files without BOM and without NUL bytes.
std::variant<DecodedText, NotText> decode_8bit(std::string_view bytes) {
    const Utf8Scan scan = scan_utf8(bytes);
    if (scan.invalid == 0) return finish(std::string(bytes), scan, "utf-8");
    if (scan.invalid * 100 < scan.invalid + scan.multibyte)
        return finish_decoded(repair_utf8(bytes), "utf-8");
    return finish_decoded(decode_with_icu(bytes, "windows-1252"), "windows-1252");
}

}  // namespace

std::variant<DecodedText, NotText> decode_document(std::string_view bytes) {
    if (has_prefix(bytes, "\xEF\xBB\xBF")) return decode_utf8_bom(bytes.substr(3));
    if (has_prefix(bytes, "\xFF\xFE"))
        return finish_decoded(decode_with_icu(bytes.substr(2), "UTF-16LE"), "utf-16le");
    if (has_prefix(bytes, "\xFE\xFF"))
        return finish_decoded(decode_with_icu(bytes.substr(2), "UTF-16BE"), "utf-16be");
    if (!contains_nul(bytes)) return decode_8bit(bytes);  // memchr first: text rarely has NUL
    if (const char* charset = guess_utf16(bytes)) {
        const bool little = std::string_view(charset) == "UTF-16LE";
        return finish_decoded(decode_with_icu(bytes, charset), little ? "utf-16le" : "utf-16be");
    }
    return NotText{std::string(kNotTextNul)};
}

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        if (i + 8 <= bytes.size() && printable_ascii_word(bytes.data() + i)) {
            i += 8;
            continue;
        }
        const Sequence seq = next_sequence(bytes, i);
        if (!seq.valid) return false;
        i += seq.length;
    }
    return true;
}

}  // namespace minutes
