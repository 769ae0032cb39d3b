#include "ocr_damage.hh"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "lexicon.hh"
#include "text.hh"

namespace minutes {
namespace {

constexpr std::size_t words_judged = 300;  // enough to tell a scan from a clean extraction

// A word worth judging: lower-case start (names are capitalised), 4+ letters, or one that
// OCR has put digits into ("f6r", "uppf6ljning").
bool judged(std::string_view word) {
    int32_t i = 0, n = static_cast<int32_t>(word.size());
    UChar32 first;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, first);
    if (first < 0 || !u_islower(first)) return false;
    std::size_t letters = 1;
    while (i < n) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, c);
        letters += c >= 0 && (u_isalpha(c) || u_isdigit(c));
    }
    return letters >= 4;
}

}  // namespace

void OcrDamage::add(const Token& t) {
    const Lexicon* lexicon = Lexicon::shared();
    if (!lexicon || enough() || t.numeric || !judged(t.text)) return;
    ++seen_;
    unknown_ += !lexicon->lemma(t.term) && !lexicon->split(t.term);
}

bool OcrDamage::enough() const {
    return seen_ >= words_judged;
}

double OcrDamage::value() const {
    return seen_ == 0 ? 0 : static_cast<double>(unknown_) / static_cast<double>(seen_);
}

double ocr_damage(std::string_view text) {
    OcrDamage damage;
    // A piece of whole lines at a time (no word spans a line end), until enough are judged.
    constexpr std::size_t piece = 4096;
    for (std::size_t start = 0; start < text.size() && !damage.enough();) {
        std::size_t end = text.find('\n', std::min(start + piece, text.size()));
        end = end == std::string_view::npos ? text.size() : end + 1;
        tokenize(text.substr(start, end - start), [&](const Token& t) { damage.add(t); });
        start = end;
    }
    return damage.value();
}

}  // namespace minutes
