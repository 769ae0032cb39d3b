#include "near_duplicates.hh"

#include <algorithm>
#include <array>
#include <limits>

#include "body.hh"
#include "text.hh"

namespace minutes {
namespace {

// Fingerprints of another version were made with other parameters: not comparable.
constexpr char format_version = 1;

// Fixed, platform-independent hashing: the signatures are stored in the index.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001B3ULL;
    return h;
}

// The K hash functions h_i(x) = high 32 bits of (a_i * x + b_i), a_i odd.
struct HashFamily {
    std::array<std::uint64_t, minhash_size> a{}, b{};
    constexpr HashFamily() {
        std::uint64_t state = 0x6D696E7574657321ULL;  // "minutes!"
        for (std::size_t i = 0; i < minhash_size; ++i) {
            a[i] = splitmix64(state++) | 1;
            b[i] = splitmix64(state++);
        }
    }
};
constexpr HashFamily family;

// Letters OCR gets wrong most (å/ä/ö read as a, o, d, i, 6, é), so skeletons leave them out.
bool dropped_letter(char c) {
    return std::string_view("aeiouyd").find(c) != std::string_view::npos;
}

// Digits OCR reads for letters inside words ("f6r", "16sa", "pr0blem").
char undigit(char c) {
    switch (c) {
        case '0':
        case '6':
            return 'o';
        case '1':
            return 'l';
        case '5':
            return 's';
        default:
            return c;
    }
}

// The consonant skeleton of a folded word: the same for its clean and OCR'd forms.
void skeleton(std::string_view word, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = undigit(word[i]);
        if (c == 'r' && i + 1 < word.size() && word[i + 1] == 'n') c = 'm', ++i;  // rn/m
        if (dropped_letter(c) || (!out.empty() && out.back() == c)) continue;
        out += c;
    }
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Appends the 64-bit hash of a word's normalised form (its skeleton, 2+ letters) to `out`.
void add_word_hash(std::string_view word, std::string& skel, std::vector<std::uint64_t>& out) {
    skeleton(fold_diacritics(word), skel);
    if (code_points(skel) >= 2) out.push_back(fnv1a(skel));
}

void add_shingle(std::uint64_t x, std::vector<std::uint32_t>& mins) {
    for (std::size_t i = 0; i < minhash_size; ++i) {
        auto v = static_cast<std::uint32_t>((family.a[i] * x + family.b[i]) >> 32);
        mins[i] = std::min(mins[i], v);
    }
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8)
        out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(k)]);
    return v;
}

constexpr std::size_t encoded_size = 1 + 4 + 4 * minhash_size;

bool comparable(const Fingerprint& f) {
    return f.words >= min_fingerprint_words && f.minhash.size() == minhash_size;
}

}  // namespace

Fingerprint fingerprint(std::string_view text) {
    return fingerprint(prepare_body(text));
}

Fingerprint fingerprint(const Body& body) {
    FingerprintBuilder builder;
    tokenize(body.running.text,
             [&](const Token& token) { builder.add(token.text, token.numeric); });
    return builder.fingerprint();
}

// One 64-bit hash per normalised word of the running text.
void FingerprintBuilder::add(std::string_view word, bool numeric) {
    if (!numeric) add_word_hash(word, skeleton_, words_);
}

Fingerprint FingerprintBuilder::fingerprint() const {
    const std::vector<std::uint64_t>& words = words_;
    Fingerprint f{
        std::vector<std::uint32_t>(minhash_size, std::numeric_limits<std::uint32_t>::max()),
        static_cast<std::uint32_t>(words.size())};
    if (words.empty()) return f;
    std::size_t n = std::min(shingle_words, words.size());
    for (std::size_t start = 0; start + n <= words.size(); ++start) {
        std::uint64_t x = 0;
        for (std::size_t k = 0; k < n; ++k)
            x = splitmix64(x ^ words[start + k]);
        add_shingle(x, f.minhash);
    }
    return f;
}

double similarity(const Fingerprint& a, const Fingerprint& b) {
    if (a.minhash.size() != minhash_size || b.minhash.size() != minhash_size) return 0.0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < minhash_size; ++i)
        equal += a.minhash[i] == b.minhash[i];
    return double(equal) / double(minhash_size);
}

bool same_meeting(const Fingerprint& a, const Fingerprint& b) {
    return comparable(a) && comparable(b) && similarity(a, b) >= same_meeting_threshold;
}

std::vector<std::string> band_keys(const Fingerprint& f) {
    std::vector<std::string> keys;
    if (!comparable(f)) return keys;
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t band = 0; band < band_count; ++band) {
        std::uint64_t h = splitmix64(band);
        for (std::size_t row = 0; row < band_rows; ++row)
            h = splitmix64(h ^ f.minhash[band * band_rows + row]);
        // Two hex digits of band number, then 48 bits of the band's hash.
        std::string key{hex[band >> 4], hex[band & 15]};
        for (int shift = 60; shift >= 16; shift -= 4)
            key += hex[(h >> shift) & 15];
        keys.push_back(std::move(key));
    }
    return keys;
}

std::string encode_fingerprint(const Fingerprint& f) {
    std::string out;
    out.reserve(encoded_size);
    out += format_version;
    put_u32(out, f.words);
    for (std::size_t i = 0; i < minhash_size; ++i)
        put_u32(out, i < f.minhash.size() ? f.minhash[i] : 0);
    return out;
}

std::optional<Fingerprint> decode_fingerprint(std::string_view bytes) {
    if (bytes.size() != encoded_size || bytes[0] != format_version) return std::nullopt;
    Fingerprint f{std::vector<std::uint32_t>(minhash_size), get_u32(bytes, 1)};
    for (std::size_t i = 0; i < minhash_size; ++i)
        f.minhash[i] = get_u32(bytes, 5 + 4 * i);
    return f;
}

}  // namespace minutes
