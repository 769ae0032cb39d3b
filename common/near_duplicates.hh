// Near-duplicate detection: the archive holds some meetings more than once (a clean PDF
// extraction and an OCR'd scan, or the same text re-extracted with another layout). Copies of
// one meeting are told apart from different meetings by the MinHash estimate of the Jaccard
// similarity of their sets of word shingles, after a normalisation that makes OCR damage
// change few shingles. Band keys (locality-sensitive hashing) find the candidates to compare
// without comparing every pair.
//
// Parameters, chosen by measurement with bench/duplicates-accuracy:
//   words     tokenize() over prepare_body()'s running text, fold_diacritics(), numbers
//             dropped, OCR-confusable digits read as letters (0 6 -> o, 1 -> l, 5 -> s),
//             "rn" -> "m", then the consonant skeleton: a e i o u y and d dropped (OCR reads
//             å/ä/ö as a, o, d, i, 6 or é), doubled letters made single; skeletons shorter
//             than 2 letters (bullets, "i", "på", "är", "att") dropped.
//   shingles 4 consecutive skeleton words.
//   signature minhash_size = 128 minima of multiply-shift hashes of a 64-bit shingle hash.
//   bands     32 bands of 4 rows.
//   threshold same_meeting() at an estimated Jaccard >= 0.5: on gen-corpus archives copies
//             measure 0.70 or more and different meetings 0.22 or less.
// Changing any of these changes every fingerprint: bump the format version in the .cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body.hh"

namespace minutes {

inline constexpr std::size_t minhash_size = 128;
inline constexpr std::size_t band_count = 32;
inline constexpr std::size_t band_rows = minhash_size / band_count;
inline constexpr std::size_t shingle_words = 4;
inline constexpr double same_meeting_threshold = 0.5;
// Texts with fewer normalised words than this are never anyone's copy: a few words (a cover
// page, a failed extraction) look alike across meetings.
inline constexpr std::uint32_t min_fingerprint_words = 20;

// A document's near-duplicate fingerprint: a MinHash signature of its normalized text.
struct Fingerprint {
    std::vector<std::uint32_t> minhash;  // minhash_size values
    std::uint32_t words = 0;             // normalised words of the text
};

// `text`: the document's decoded text (UTF-8); `body`: prepare_body(text), when known.
Fingerprint fingerprint(std::string_view text);
Fingerprint fingerprint(const Body& body);

// The same, fed the running text's words in order (to share a tokenizing pass).
class FingerprintBuilder {
  public:
    void add(std::string_view word, bool numeric);  // a token of the running text
    Fingerprint fingerprint() const;

  private:
    std::vector<std::uint64_t> words_;
    std::string skeleton_;
};

// The estimated Jaccard similarity of the two shingle sets, 0..1.
double similarity(const Fingerprint& a, const Fingerprint& b);

// Copies of one meeting: both texts long enough and similarity() >= same_meeting_threshold.
bool same_meeting(const Fingerprint& a, const Fingerprint& b);

// The LSH band keys (ASCII, 14 bytes each): copies of one meeting share at least one key with
// high probability. None for texts too short to be compared.
std::vector<std::string> band_keys(const Fingerprint& f);

// Compact bytes for a value slot: a version byte, the word count, the signature.
std::string encode_fingerprint(const Fingerprint& f);
// nullopt when the bytes are not an encoded fingerprint of this version.
std::optional<Fingerprint> decode_fingerprint(std::string_view bytes);

}  // namespace minutes
