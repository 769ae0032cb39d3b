// Internals of the lexicon (lexicon.hh), shared by lexicon*.cc and nothing else.
//
// The hunspell dictionary is compiled once into an "image": a minimal acyclic automaton (DAWG)
// over every inflected form, whose final states carry what the form is (a word on its own, a
// possible first / middle / last part of a compound) and how to turn it into its lemma. The
// image is cached on disk and mapped at run time, so a process pays nothing but an mmap.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minutes::lexicon_detail {

// ---- hunspell .aff / .dic -------------------------------------------------------------------

using Flag = std::uint32_t;                     // a flag of the .aff's FLAG type; 0 = none
enum class FlagType { kChar, kLong, kNumber };  // FLAG (default: one character), long, num

// One element of an affix condition: ".", a letter, "[abc]" or "[^abc]".
struct ConditionElement {
    bool any = false;
    bool negated = false;
    std::u32string letters;
};

struct AffixRule {
    bool prefix = false;
    bool cross_product = false;
    std::string strip;               // UTF-8, removed from the stem
    std::string add;                 // UTF-8, appended (or prepended) instead
    std::vector<Flag> continuation;  // flags the affixed form carries (compound flags here)
    std::vector<ConditionElement> condition;
};

struct AffixFile {
    FlagType flag_type = FlagType::kChar;
    std::unordered_map<Flag, std::vector<AffixRule>> rules;
    Flag need_affix = 0;
    Flag forbidden = 0;
    Flag only_in_compound = 0;
    Flag compound = 0;  // COMPOUNDFLAG: any position
    Flag compound_begin = 0;
    Flag compound_middle = 0;
    Flag compound_end = 0;
    Flag compound_permit = 0;
};

struct DicEntry {
    std::string word;  // as written in the .dic (not case-folded)
    std::vector<Flag> flags;
};

// Both throw std::runtime_error naming the file when it is missing or malformed.
AffixFile read_affix_file(const std::string& path);
std::vector<DicEntry> read_dic_file(const std::string& path, const AffixFile& affixes);

std::u32string decode_utf8(std::string_view text);
bool has_flag(const std::vector<Flag>& flags, Flag flag);
bool condition_matches(const AffixRule& rule, const std::u32string& stem);

// ---- the compiled image ---------------------------------------------------------------------

// What a form can be. A form may be several at once ("plan": a word, a first part, a head).
inline constexpr std::uint32_t kWord = 1;        // a word on its own
inline constexpr std::uint32_t kBegin = 2;       // may start a compound ("verksamhets-", "grund-")
inline constexpr std::uint32_t kMiddle = 4;      // may stand inside a compound
inline constexpr std::uint32_t kEnd = 8;         // may end a compound ("-skolan", "-planens")
inline constexpr std::uint32_t kForbidden = 16;  // FORBIDDENWORD: a known misspelling, no word

// lemma = form minus its last `strip` bytes, plus pool[offset, offset + size).
struct Transform {
    std::uint32_t strip;
    std::uint32_t offset;
    std::uint32_t size;
};

// Transform ids for the three roles a form can play; only meaningful with the matching flag.
struct FormInfo {
    std::uint32_t flags;
    std::uint32_t word;  // lemma as a word on its own ("skolorna" -> "skola")
    std::uint32_t part;  // lemma as a first / middle part ("gymnasie" -> "gymnasium")
    std::uint32_t head;  // lemma as the last part ("planens" -> "plan")
};

struct State {
    std::uint32_t first_edge;
    std::uint32_t edge_count;
    std::uint32_t info;  // 0: not the end of a form; else FormInfo index + 1
};

inline constexpr char kImageMagic[8] = {'M', 'I', 'N', 'L', 'E', 'X', '\r', '\n'};
// Bump when what the compiler makes changes, so that no process maps an older cache file.
inline constexpr std::uint32_t kImageVersion = 2;

struct ImageHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t key_size;  // the source's identity (paths, sizes, mtimes), padded to 4
    std::uint32_t states;
    std::uint32_t edges;
    std::uint32_t infos;
    std::uint32_t transforms;
    std::uint32_t pool_size;
    std::uint32_t checksum;  // image_checksum() of everything after the header
};
// Layout after the header: key, State[states], uint32 target[edges], FormInfo[infos],
// Transform[transforms], uint8 label[edges], pool[pool_size]. State 0 is the start state. All in
// the host's byte order: the image is a local cache, never shipped.

// A fast hash of the image bytes after the header: a damaged cache file is refused rather than
// giving wrong lemmas.
std::uint32_t image_checksum(std::string_view bytes);

// Builds the image of the dictionary (its .aff beside it); `key` is stored for validation.
std::string compile_image(const std::string& dic_path, const std::string& aff_path,
                          const std::string& key);

// A validated, read-only view of image bytes (owned elsewhere).
class ImageView {
  public:
    // Empty view when the bytes are not a complete, consistent image made for `key`.
    static ImageView open(std::string_view bytes, std::string_view key);

    bool valid() const { return states_ != nullptr; }
    static constexpr std::uint32_t kNoState = 0xffffffff;
    static constexpr std::uint32_t kStart = 0;

    // The state after reading byte `c` in state `s`, or kNoState. The hot loop of all lookups:
    // the start state's many edges are a table, other states' few are scanned.
    std::uint32_t step(std::uint32_t s, unsigned char c) const {
        if (s == kStart) return start_edges_[c];
        const State& st = states_[s];
        const unsigned char* labels = labels_ + st.first_edge;
        for (std::uint32_t i = 0; i < st.edge_count && labels[i] <= c; ++i)
            if (labels[i] == c) return targets_[st.first_edge + i];
        return kNoState;
    }

    const FormInfo* info(std::uint32_t s) const {
        const std::uint32_t i = states_[s].info;
        return i == 0 ? nullptr : &infos_[i - 1];
    }

    // The state after reading all of `text` from the start, or kNoState.
    std::uint32_t walk(std::string_view text) const;
    // Appends the lemma of `form` by transform `id` to `out`.
    void apply(std::string_view form, std::uint32_t id, std::string& out) const;

  private:
    const State* states_ = nullptr;
    const std::uint32_t* targets_ = nullptr;
    const FormInfo* infos_ = nullptr;
    const Transform* transforms_ = nullptr;
    const unsigned char* labels_ = nullptr;
    const char* pool_ = nullptr;
    std::array<std::uint32_t, 256> start_edges_{};
};

// The image of a dictionary: its cache file mapped, or compiled in this process (and then left in
// the cache for the next one). The cache lives in $XDG_CACHE_HOME/minutes, else
// ~/.cache/minutes, one file per dictionary version (path, size and mtime of .dic and .aff).
class LoadedImage {
  public:
    // Throws std::runtime_error naming the file when the .dic or .aff is missing or unreadable.
    static std::unique_ptr<LoadedImage> load(const std::string& dic_path);
    ~LoadedImage();
    LoadedImage(const LoadedImage&) = delete;
    LoadedImage& operator=(const LoadedImage&) = delete;

    const ImageView& view() const { return view_; }

  private:
    LoadedImage() = default;
    bool map(const std::string& path, const std::string& key);

    void* map_ = nullptr;
    std::size_t map_size_ = 0;
    std::string owned_;
    ImageView view_;
};

}  // namespace minutes::lexicon_detail
