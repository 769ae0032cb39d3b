#include "mentions_filter.hh"

#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "schema.hh"

namespace minutes {
namespace {

void drop_hyphens(std::string& s) {
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
}

// The full case fold of one code point, by the same ICU call as fold_case: full folding
// maps every code point on its own, so folding a text a code point at a time gives
// fold_case's result. Hyphens dropped.
std::string fold_code_point(UChar32 c) {
    icu::UnicodeString u(c);
    std::string out;
    u.foldCase().toUTF8String(out);
    drop_hyphens(out);
    return out;
}

// A property of code points past ASCII, remembered: a text holds few distinct ones.
template <typename T, T (*make)(UChar32)>
class CodePointMemo {
  public:
    CodePointMemo() {
        for (UChar32 c = 0x80; c < 0x100; ++c)
            latin1_[static_cast<std::size_t>(c - 0x80)] = make(c);
    }
    const T& operator()(UChar32 c) {
        if (c < 0x100) return latin1_[static_cast<std::size_t>(c - 0x80)];
        auto it = others_.find(c);
        if (it == others_.end()) it = others_.emplace(c, make(c)).first;
        return it->second;
    }

  private:
    std::array<T, 0x80> latin1_;
    std::unordered_map<UChar32, T> others_;
};

using Folds = CodePointMemo<std::string, fold_code_point>;

Folds& folds() {
    thread_local Folds folds;
    return folds;
}

// The blur of a byte: bit 5 set. Case folding ASCII letters and the letters U+00C0..U+00DE
// only sets that bit ('A' 0x41: 'a' 0x61; 'Å' C3 85: 'å' C3 A5), so a text and its fold
// blur alike, and a needle in the fold of a line blurs into the blur of the line, found by
// one memmem over the whole text. The characters for which that fails ("odd": ß to "ss",
// µ to μ, Kelvin sign to k, most letters past U+00FF) are rare; a line holding one, or a
// hyphen (a hyphenated word is also indexed without its hyphens), is folded instead.
std::string blur(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(c | 0x20);
    return out;
}

std::string encode(UChar32 c) {
    std::string out;
    icu::UnicodeString(c).toUTF8String(out);
    return out;
}

// Whether `c` and its fold blur differently ("odd").
bool blurs_apart(UChar32 c) {
    std::string fold;
    icu::UnicodeString(c).foldCase().toUTF8String(fold);
    return blur(encode(c)) != blur(fold);
}

// The odd characters, remembered.
class Oddness {
  public:
    Oddness() {
        for (UChar32 c = 0xC0; c < 0x100; ++c)
            only_sharp_s_ = only_sharp_s_ && odd_(c) == (c == 0xDF);
    }
    // Whether ß (C3 9F) is the only odd character written with a C3 lead byte (U+00C0..
    // U+00FF, the Swedish letters among them), so that those need no look but for ß.
    bool only_sharp_s() const { return only_sharp_s_; }
    bool operator()(UChar32 c) { return odd_(c); }
    // The character whose lead byte is text[at] (0xC0 and up), when it is odd. Ill-formed
    // bytes are never part of a word (ICU reads them as U+FFFD), so they are not odd.
    bool at(std::string_view text, std::size_t at) {
        auto lead = static_cast<std::uint8_t>(text[at]);
        if (lead >= 0xC2 && lead < 0xE0 && at + 1 < text.size()) {  // U+0080..U+07FF
            auto next = static_cast<std::uint8_t>(text[at + 1]);
            if ((next & 0xC0) != 0x80) return false;
            return odd_(((lead & 0x1F) << 6) | (next & 0x3F));
        }
        auto i = static_cast<int32_t>(at);
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i,
                static_cast<int32_t>(text.size()), c);
        return c >= 0 && odd_(c);
    }

  private:
    CodePointMemo<bool, blurs_apart> odd_;
    bool only_sharp_s_ = true;
};

[[maybe_unused]] constexpr std::uint64_t bytes_of(std::uint8_t b) {
    return 0x0101010101010101ull * b;
}

// A text blurred, and what its lines hold that blurring misses.
struct BlurredText {
    enum Mark : std::uint8_t { odd = 1, hyphen = 2 };
    std::string text;                 // as long as the text
    std::vector<std::size_t> starts;  // where each line starts
    std::vector<std::uint8_t> marks;  // per line
};

std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t offset) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                    starts.begin() - 1);
}

// The bytes of `text` that blur_text looks at (one bit each, the first byte lowest) among
// the 16 from `at` on, which it blurs into `out`: line ends, hyphens, and the lead bytes of
// characters past ASCII (0xC0 and up) but for C3 when `skip_c3`, with the 9F bytes then.
#if defined(__SSE2__)
std::uint32_t blur16(const std::uint8_t* at, char* out, bool skip_c3) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_or_si128(x, _mm_set1_epi8(0x20)));
    auto is = [&](int byte) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(byte))); };
    __m128i leads = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(static_cast<char>(0xC0))), x);
    if (skip_c3) leads = _mm_or_si128(_mm_andnot_si128(is(0xC3), leads), is(0x9F));
    __m128i events = _mm_or_si128(_mm_or_si128(is('\n'), is('-')), leads);
    return static_cast<std::uint32_t>(_mm_movemask_epi8(events));
}
#else
// The high bit of every byte of `chunk` that is zero.
constexpr std::uint64_t zero_bytes(std::uint64_t chunk) {
    return ~(((chunk & bytes_of(0x7F)) + bytes_of(0x7F)) | chunk | bytes_of(0x7F));
}

std::uint32_t blur16(const std::uint8_t* at, char* out, bool skip_c3) {
    std::uint32_t found = 0;
    for (int half = 0; half < 2; ++half) {
        std::uint64_t chunk = 0;
        for (int k = 7; k >= 0; --k)  // byte k as bits 8k..8k+7, whatever the machine
            chunk = (chunk << 8) | at[8 * half + k];
        for (int k = 0; k < 8; ++k)
            out[8 * half + k] = static_cast<char>(at[8 * half + k] | 0x20);
        std::uint64_t leads = chunk & (chunk << 1);
        if (skip_c3)
            leads =
                (leads & ~zero_bytes(chunk ^ bytes_of(0xC3))) | zero_bytes(chunk ^ bytes_of(0x9F));
        std::uint64_t events =
            (zero_bytes(chunk ^ bytes_of('\n')) | zero_bytes(chunk ^ bytes_of('-')) | leads) &
            bytes_of(0x80);
        for (int k = 0; k < 8; ++k)
            found |= static_cast<std::uint32_t>((events >> (8 * k + 7)) & 1) << (8 * half + k);
    }
    return found;
}
#endif

// Blurs `text` sixteen bytes at a time, finding as it goes the line ends, the hyphens and
// the characters past ASCII that may be odd (all but the Swedish letters): this runs over
// every line of every document listed.
void blur_text(std::string_view text, BlurredText& b) {
    thread_local Oddness oddness;
    Oddness& odd = oddness;
    bool skip_c3 = odd.only_sharp_s();  // ß is then found by its second byte, 9F
    b.starts.assign(1, 0);
    b.marks.assign(1, 0);
    b.text.resize(text.size());
    char* out = b.text.data();  // not through `b`, which the compiler would read each time
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    std::size_t n = text.size(), i = 0;
    auto event = [&](std::size_t at) {
        if (s[at] == '\n') {
            b.starts.push_back(at + 1);
            b.marks.push_back(0);
        } else if (s[at] == '-') {
            b.marks.back() |= BlurredText::hyphen;
        } else if (s[at] < 0xC0 ? at > 0 && s[at - 1] == 0xC3 : odd.at(text, at)) {
            b.marks.back() |= BlurredText::odd;
        }
    };
    for (; i + 16 <= n; i += 16)
        for (std::uint32_t events = blur16(s + i, out + i, skip_c3); events; events &= events - 1)
            event(i + static_cast<std::size_t>(std::countr_zero(events)));
    for (; i < n; ++i) {
        out[i] = static_cast<char>(s[i] | 0x20);
        bool lead = s[i] >= 0xC0 && !(skip_c3 && s[i] == 0xC3);
        if (s[i] == '\n' || s[i] == '-' || lead || (skip_c3 && s[i] == 0x9F)) event(i);
    }
}

// A line case-folded without its hyphens, a code point at a time.
void fold_line(std::string_view line, std::string& out) {
    out.clear();
    const auto* s = reinterpret_cast<const std::uint8_t*>(line.data());
    auto n = static_cast<int32_t>(line.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || c == '-') continue;  // ill-formed bytes are never part of a word
        if (c < 0x80)
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        else
            out += folds()(c);
    }
}

// Marks the line of every place `needle` is at in `text`.
void mark_lines(std::string_view text, const std::vector<std::size_t>& starts,
                const std::string& needle, std::vector<bool>& candidate) {
    for (std::size_t from = 0; from < text.size();) {
        const void* hit =
            memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
        if (!hit) return;
        std::size_t line =
            line_of(starts, static_cast<std::size_t>(static_cast<const char*>(hit) - text.data()));
        candidate[line] = true;
        from = line + 1 < starts.size() ? starts[line + 1] : text.size();
    }
}

// Whether `needle` contains `other`.
bool contains(const std::string& needle, const std::string& other) {
    return needle.find(other) != std::string::npos;
}

std::vector<std::string> terms_of(const std::vector<const WordMatcher*>& matchers) {
    std::vector<std::string> terms;
    for (const WordMatcher* matcher : matchers) {
        auto accepted = matcher->accepted_terms();
        terms.insert(terms.end(), accepted.begin(), accepted.end());
    }
    return terms;
}

bool field_term(const std::string& term) {
    return !term.empty() && term[0] >= 'A' && term[0] <= 'Z' && !term.starts_with(stem_prefix);
}

}  // namespace

MentionFilter::MentionFilter(const std::vector<const WordMatcher*>& first_words)
    : MentionFilter(terms_of(first_words)) {}

MentionFilter::MentionFilter(const std::vector<std::string>& terms) {
    std::vector<std::string> needles;
    for (std::string needle : terms) {
        if (field_term(needle)) continue;
        // The stem: an accepted word starts with it.
        if (needle.starts_with(stem_prefix)) needle.erase(0, stem_prefix.size());
        drop_hyphens(needle);
        needles.push_back(std::move(needle));
    }
    // A text holding a needle also holds every needle inside it: only the shortest count.
    std::sort(needles.begin(), needles.end(),
              [](const auto& a, const auto& b) { return a.size() < b.size(); });
    for (const auto& needle : needles)
        if (std::none_of(needles_.begin(), needles_.end(),
                         [&](const auto& kept) { return contains(needle, kept); }))
            needles_.push_back(needle);
    for (const auto& needle : needles_)
        blurred_.push_back(blur(needle));
}

MentionFilter::Lines MentionFilter::candidate_lines(std::string_view text) const {
    thread_local BlurredText blurred;
    blur_text(text, blurred);
    const auto& starts = blurred.starts;
    Lines lines{starts, std::vector<bool>(starts.size(), false)};
    auto& candidate = lines.candidate;
    for (const auto& needle : blurred_) {
        if (needle.empty()) {
            candidate.assign(candidate.size(), true);
            return lines;
        }
        mark_lines(blurred.text, starts, needle, candidate);
    }
    // The lines blurring may miss: folded exactly, or blurred without their hyphens.
    thread_local std::string line;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (candidate[i] || !blurred.marks[i]) continue;
        std::size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : text.size();
        if (blurred.marks[i] & BlurredText::odd) {
            fold_line(text.substr(starts[i], end - starts[i]), line);
            candidate[i] = std::any_of(needles_.begin(), needles_.end(),
                                       [&](const auto& needle) { return contains(line, needle); });
        } else {
            line.assign(blurred.text, starts[i], end - starts[i]);
            drop_hyphens(line);
            candidate[i] = std::any_of(blurred_.begin(), blurred_.end(),
                                       [&](const auto& needle) { return contains(line, needle); });
        }
    }
    return lines;
}

namespace {

// Walks the lines of `seg` that the filter keeps and the lines after them to within `reach`
// positions, numbering from after `next`; returns the next free position. A line break
// always ends a word and a hyphenated word, so a line walked alone gives the words the whole
// text gives there.
Xapian::termpos walk_segment(const Segment& seg, const MentionFilter::Lines& lines,
                             Xapian::termpos reach, Xapian::termpos next,
                             const std::function<void(const IndexedWord&, const Segment&)>& sink) {
    std::string_view text = seg.text;
    Xapian::termpos owed = 0;  // positions a phrase started on a walked line may still need
    bool walking = false;
    for (std::size_t line = 0; line < lines.starts.size(); ++line) {
        if (!lines.candidate[line] && owed == 0) {
            walking = false;
            continue;
        }
        if (!walking) next += reach + 1;  // no phrase spans two stretches
        walking = true;
        std::size_t start = lines.starts[line];
        std::size_t end = line + 1 < lines.starts.size() ? lines.starts[line + 1] - 1 : text.size();
        Xapian::termpos after =
            for_each_word(text.substr(start, end - start), next, [&](const IndexedWord& w) {
                IndexedWord word = w;
                word.offset += start;
                sink(word, seg);
            });
        owed = lines.candidate[line] ? reach : owed - std::min(owed, after - next);
        next = after;
    }
    return next;
}

}  // namespace

void for_each_candidate_word(const Body& body, const MentionFilter& filter, Xapian::termpos reach,
                             const std::function<void(const IndexedWord&, const Segment&)>& sink) {
    Xapian::termpos next = 0;
    for (const Segment* seg : {&body.running, &body.furniture})
        next = walk_segment(*seg, filter.candidate_lines(seg->text), reach, next, sink);
}

}  // namespace minutes
