// A Swedish lexicon from hunspell's word list: the lemma of an inflected word and the parts of a
// compound. Xapian's Snowball stemmer leaves definite forms alone ("skolan", "mötet"), and users
// search for parts of compounds ("skola" should find "grundskolorna" and "Anneroskolan"), so the
// engine indexes a word's lemma and its parts' lemmas beside its stem.
//
// The dictionary (sv_SE.dic and sv_SE.aff, expanded by its affix rules to 830,000 distinct forms)
// is compiled on first use into a cache file of 3.4 MB ($XDG_CACHE_HOME/minutes, else
// ~/.cache/minutes; about a second, once per dictionary version) that later processes map and
// check in 2-3 ms. Without a writable cache directory each process compiles it in memory.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minutes {

struct CompoundSplit {
    // The lemmas of the parts, in order: {"annero", "skola"}, {"verksamhet", "plan"}. A first or
    // middle part in its linking form is named after the word it comes from ("gymnasie-" ->
    // "gymnasium", "skol-" -> "skola", "familje-" -> "familj", "besluts-" -> "beslut"), so the
    // query "gymnasium" can match "gymnasieskolan"; an unknown first part (a name) stays as
    // written ("annero"). A part may be a compound itself ("grundskoleförvaltningen" ->
    // {"grundskola", "förvaltning"}): split it again for finer parts.
    std::vector<std::string> parts;
};

// Immutable after load; its const methods may be called from any number of threads.
class Lexicon {
  public:
    // The lexicon from the hunspell dictionary at `dic_path` (its .aff beside it). Throws
    // std::runtime_error naming the file when either is missing or unreadable.
    static std::unique_ptr<Lexicon> load(const std::string& dic_path);

    // The process-wide lexicon, from $MINUTES_DICTIONARY, else MINUTES_DEFAULT_DICTIONARY.
    // nullptr when that file does not exist or MINUTES_DICTIONARY is set but empty: the engine
    // then works without lemmas and compounds. Loaded on the first call.
    static const Lexicon* shared();

    // The base form of a case-folded word, when the dictionary knows it or, for a compound, its
    // last part: "skolorna" -> "skola", "mötet" -> "möte", "anneroskolans" -> "anneroskola".
    // nullopt for unknown words and for forms that exist only inside compounds ("skol").
    std::optional<std::string> lemma(std::string_view folded_word) const;

    // The parts of a compound of at least six letters: "verksamhetsplanens" ->
    // {"verksamhet", "plan"}, "grundskolorna" -> {"grund", "skola"}. Parts are dictionary forms
    // that the dictionary's compound flags allow in their place, in linking forms its affix
    // rules make ("verksamhets-", "gymnasie-", "skol-") and with an inflected last part
    // ("-skolorna"); the fewest parts win, then the longest last part. A word the dictionary
    // does not know may also start with an unknown part of 3-12 letters before a known last
    // part of 4+ ("annero|skolan"). nullopt for words that are no compound ("planering": "ering"
    // is no word; "skolan"), for words of letters other than Latin ones, and for junk.
    //
    // Words the dictionary lists are split too when their parts allow it: "grundskola" is
    // {"grund", "skola"}, but also "undervisning" {"under", "visning"}, as hunspell-sv does not
    // tell derivations with particles from compounds.
    std::optional<CompoundSplit> split(std::string_view folded_word) const;

    ~Lexicon();
    Lexicon(const Lexicon&) = delete;
    Lexicon& operator=(const Lexicon&) = delete;

  private:
    struct Image;
    explicit Lexicon(std::unique_ptr<Image> image);

    std::unique_ptr<Image> image_;
};

}  // namespace minutes
