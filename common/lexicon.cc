// Lemmas and compound splitting over the compiled lexicon image (lexicon_image.hh).
#include "lexicon.hh"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <tuple>

#include "lexicon_image.hh"

#ifndef MINUTES_DEFAULT_DICTIONARY
#define MINUTES_DEFAULT_DICTIONARY "/usr/share/hunspell/sv_SE.dic"
#endif

namespace minutes {

struct Lexicon::Image {
    std::unique_ptr<lexicon_detail::LoadedImage> loaded;
};

namespace {

using lexicon_detail::FormInfo;
using lexicon_detail::ImageView;

constexpr std::size_t kMaxLetters = 64;          // longer "words" are run-ons and junk
constexpr std::size_t kMinCompoundLetters = 6;   // "skolan" is the shortest worth splitting
constexpr std::size_t kMinKnownPart = 2;         // "ö" and "å" are words, but not as parts
constexpr std::size_t kMinUnknownPart = 3;       // a name before a head: "annero|skolan"
constexpr std::size_t kMinHeadAfterUnknown = 4;  // ...whose head is not a random ending
constexpr std::size_t kMaxUnknownPart = 12;      // longer: a misspelt compound rather than a name
constexpr std::size_t kMaxParts = 6;

// The byte offset of each letter of a word, offset[count] being its size.
struct Letters {
    std::array<std::uint16_t, kMaxLetters + 1> offset{};
    std::size_t count = 0;
};

bool is_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= 0xDF && c <= 0x24F && c != 0xF7);
}

// Decodes the letter at `i`; 0 when the bytes are not well-formed UTF-8.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
    const auto lead = static_cast<unsigned char>(s[i]);
    length = lead < 0x80                   ? 1
             : lead >= 0xC2 && lead < 0xE0 ? 2
             : lead >= 0xE0 && lead < 0xF0 ? 3
             : lead >= 0xF0 && lead < 0xF5 ? 4
                                           : 0;
    if (length == 0 || i + length > s.size()) return 0;
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(s[i + k]);
        if ((next & 0xC0) != 0x80) return 0;
        c = c << 6 | (next & 0x3F);
    }
    return c;
}

// The letters of a word that may be a compound: nullopt for anything with digits, punctuation
// or other scripts, and for words too long to be real.
std::optional<Letters> letters_of(std::string_view word) {
    Letters letters;
    for (std::size_t i = 0, length = 0; i < word.size(); i += length) {
        if (letters.count == kMaxLetters || !is_letter(decode_at(word, i, length)))
            return std::nullopt;
        letters.offset[letters.count++] = static_cast<std::uint16_t>(i);
    }
    letters.offset[letters.count] = static_cast<std::uint16_t>(word.size());
    return letters;
}

// The best way to read the letters from some position to the end as parts of a compound:
// its first part [start, end), the position where the rest continues (end, or end - 1 when a
// triple letter was simplified: "fall|lucka" is written "fallucka"), and the whole reading's
// part count and head position. parts == 0: no reading.
struct Reading {
    std::size_t parts = 0;
    std::size_t head = 0;
    std::size_t end = 0;
    std::size_t resume = 0;
    const FormInfo* info = nullptr;  // of the first part; nullptr for an unknown first part

    // Fewest parts, then the longest head, then the longest first part.
    bool better_than(const Reading& other) const {
        return other.parts == 0 || std::make_tuple(parts, head, other.end) <
                                       std::make_tuple(other.parts, other.head, end);
    }
};

struct Part {
    std::string_view text;
    const FormInfo* info;
};

// Finds the compound reading of one word by dynamic programming over its letters, right to left.
class Analysis {
  public:
    Analysis(const ImageView& image, std::string_view word, const Letters& letters)
        : image_(image), word_(word), letters_(letters), n_(letters.count) {
        for (std::size_t a = n_; a-- > 1;)
            readings_[a] = best_tail(a);
    }

    // The reading whose parts are all dictionary forms.
    Reading known() const {
        Reading best;
        forms_from(0, [&](std::size_t b, const FormInfo* info) {
            if (b < n_ && b >= kMinKnownPart && (info->flags & lexicon_detail::kBegin))
                continue_with(best, 0, b, info);
        });
        return best;
    }

    // The reading of an unknown first part (a name) followed by dictionary forms. The "unknown"
    // part may be a word whose entry lacks the compound flags ("teams|utbildning").
    Reading unknown_first() const {
        Reading best;
        for (std::size_t b = kMinUnknownPart; b < n_ && b <= kMaxUnknownPart; ++b) {
            const Reading& rest = readings_[b];
            if (rest.parts == 0 || n_ - rest.head < kMinHeadAfterUnknown || !has_vowel(0, b))
                continue;
            const Reading r{rest.parts + 1, rest.head, b, b, nullptr};
            if (r.better_than(best)) best = r;
        }
        return best;
    }

    std::vector<Part> parts(const Reading& first) const {
        std::vector<Part> parts{{text(0, first.end), first.info}};
        for (std::size_t at = first.resume; at < n_; at = readings_[at].resume)
            parts.push_back({text(at, readings_[at].end), readings_[at].info});
        return parts;
    }

  private:
    std::string_view text(std::size_t a, std::size_t b) const {
        return word_.substr(letters_.offset[a], letters_.offset[b] - letters_.offset[a]);
    }

    bool has_vowel(std::size_t a, std::size_t b) const {
        for (char c : text(a, b))
            if (static_cast<unsigned char>(c) >= 0x80 ||
                std::string_view("aeiouy").find(c) != std::string_view::npos)
                return true;
        return false;
    }

    // Calls f(b, info) for every dictionary form that the letters [a, b) spell.
    template <typename F>
    void forms_from(std::size_t a, F f) const {
        std::uint32_t s = ImageView::kStart;
        std::size_t b = a + 1;
        for (std::size_t i = letters_.offset[a]; i < word_.size(); ++i) {
            s = image_.step(s, static_cast<unsigned char>(word_[i]));
            if (s == ImageView::kNoState) return;
            if (i + 1 != letters_.offset[b]) continue;
            if (const FormInfo* info = image_.info(s)) f(b, info);
            ++b;
        }
    }

    // The best reading of [a, n) whose first part, [a, b), is a form that may stand there.
    Reading best_tail(std::size_t a) const {
        Reading best;
        forms_from(a, [&](std::size_t b, const FormInfo* info) {
            if (b - a < kMinKnownPart) return;
            const Reading head{1, a, b, b, info};
            if (b == n_ && (info->flags & lexicon_detail::kEnd) && head.better_than(best))
                best = head;
            if (b < n_ && (info->flags & (lexicon_detail::kBegin | lexicon_detail::kMiddle)))
                continue_with(best, a, b, info);
        });
        return best;
    }

    void continue_with(Reading& best, std::size_t a, std::size_t b, const FormInfo* info) const {
        try_resume(best, a, b, b, info);
        if (b >= a + 2 && text(b - 2, b - 1) == text(b - 1, b)) try_resume(best, a, b, b - 1, info);
    }

    void try_resume(Reading& best, std::size_t a, std::size_t b, std::size_t resume,
                    const FormInfo* info) const {
        const Reading& rest = readings_[resume];
        if (rest.parts == 0 || rest.parts >= kMaxParts) return;
        if (text(a, b) == text(resume, rest.end)) return;  // CHECKCOMPOUNDDUP: no "bil|bil"
        const Reading r{rest.parts + 1, rest.head, b, resume, info};
        if (r.better_than(best)) best = r;
    }

    const ImageView& image_;
    std::string_view word_;
    const Letters& letters_;
    std::size_t n_;
    std::array<Reading, kMaxLetters + 1> readings_{};
};

const FormInfo* whole_word(const ImageView& image, std::string_view word) {
    const std::uint32_t s = image.walk(word);
    return s == ImageView::kNoState ? nullptr : image.info(s);
}

// The parts of a compound, as written; empty when the word is none.
std::vector<Part> compound_parts(const ImageView& image, std::string_view word) {
    const auto letters = letters_of(word);
    if (!letters || letters->count < kMinCompoundLetters) return {};
    const FormInfo* whole = whole_word(image, word);
    if (whole && (whole->flags & lexicon_detail::kForbidden)) return {};
    const Analysis analysis(image, word, *letters);
    Reading reading = analysis.known();
    if (reading.parts == 0 && !whole) reading = analysis.unknown_first();
    if (reading.parts == 0) return {};
    return analysis.parts(reading);
}

}  // namespace

Lexicon::Lexicon(std::unique_ptr<Image> image) : image_(std::move(image)) {}
Lexicon::~Lexicon() = default;

std::unique_ptr<Lexicon> Lexicon::load(const std::string& dic_path) {
    auto image = std::make_unique<Image>();
    image->loaded = lexicon_detail::LoadedImage::load(dic_path);
    return std::unique_ptr<Lexicon>(new Lexicon(std::move(image)));
}

const Lexicon* Lexicon::shared() {
    static const std::unique_ptr<Lexicon> lexicon = []() -> std::unique_ptr<Lexicon> {
        const char* env = std::getenv("MINUTES_DICTIONARY");
        const std::string path = env ? env : MINUTES_DEFAULT_DICTIONARY;
        std::error_code ec;
        if (path.empty() || !std::filesystem::exists(path, ec)) return nullptr;
        try {
            return load(path);
        } catch (const std::exception& e) {
            std::cerr << "minutes: working without lemmas and compounds: " << e.what() << '\n';
            return nullptr;
        }
    }();
    return lexicon.get();
}

std::optional<std::string> Lexicon::lemma(std::string_view word) const {
    const ImageView& image = image_->loaded->view();
    if (word.empty() || word.size() > 4 * kMaxLetters) return std::nullopt;
    if (const FormInfo* whole = whole_word(image, word)) {
        if (!(whole->flags & lexicon_detail::kWord)) return std::nullopt;
        std::string lemma;
        image.apply(word, whole->word, lemma);
        return lemma;
    }
    const std::vector<Part> parts = compound_parts(image, word);
    if (parts.empty()) return std::nullopt;
    const std::size_t head_start = word.size() - parts.back().text.size();
    std::string lemma(word.substr(0, head_start));
    image.apply(parts.back().text, parts.back().info->head, lemma);
    return lemma;
}

std::optional<CompoundSplit> Lexicon::split(std::string_view word) const {
    const ImageView& image = image_->loaded->view();
    const std::vector<Part> parts = compound_parts(image, word);
    if (parts.empty()) return std::nullopt;
    CompoundSplit split;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Part& p = parts[i];
        std::string& lemma = split.parts.emplace_back();
        if (!p.info)
            lemma = p.text;
        else
            image.apply(p.text, i + 1 == parts.size() ? p.info->head : p.info->part, lemma);
    }
    return split;
}

}  // namespace minutes
