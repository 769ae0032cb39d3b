// Compiling a hunspell dictionary into the lexicon image: every stem of the .dic is expanded by
// its affix rules into all its forms, each form learns its compound roles from the compound
// flags (COMPOUNDBEGIN / MIDDLE / END, ONLYINCOMPOUND, COMPOUNDPERMITFLAG), and the forms go
// into a minimal automaton whose final states say how to get each form's lemma.
#include <unicode/unistr.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>

#include "lexicon_image.hh"

namespace minutes::lexicon_detail {
namespace {

std::string fold_case(const std::string& text) {
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return c < 0 || (c >= 'A' && c <= 'Z'); }))
        return text;
    std::string out;
    icu::UnicodeString::fromUTF8(text).foldCase().toUTF8String(out);
    return out;
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n])
        ++n;
    return n;
}

// One form of one stem, before forms are merged.
struct Record {
    std::string form;     // case-folded
    std::uint32_t lemma;  // index into the lemma table
    std::uint32_t flags;  // kWord, kBegin, ... of lexicon_image.hh
};

// The compound roles of a stem (or of an affixed form) according to its flags.
struct Roles {
    bool begin, middle, end, only_in_compound;
};

Roles roles_of(const std::vector<Flag>& flags, const AffixFile& aff) {
    const bool any = has_flag(flags, aff.compound);
    return {any || has_flag(flags, aff.compound_begin), any || has_flag(flags, aff.compound_middle),
            any || has_flag(flags, aff.compound_end), has_flag(flags, aff.only_in_compound)};
}

std::uint32_t flags_of(const Roles& r, bool forbidden) {
    if (forbidden) return kForbidden;
    return (r.only_in_compound ? 0 : kWord) | (r.begin ? kBegin : 0) | (r.middle ? kMiddle : 0) |
           (r.end ? kEnd : 0);
}

// hunspell's defaults: a prefixed form may begin a compound and a suffixed one end it, when the
// stem may; anything else inside a compound needs the affix's COMPOUNDPERMITFLAG.
Roles affixed_roles(const Roles& stem, const AffixRule& rule, const AffixFile& aff) {
    const Roles own = roles_of(rule.continuation, aff);
    const bool permit = has_flag(rule.continuation, aff.compound_permit);
    return {own.begin || ((permit || rule.prefix) && stem.begin),
            own.middle || (permit && stem.middle),
            own.end || ((permit || !rule.prefix) && stem.end),
            own.only_in_compound || stem.only_in_compound};
}

bool rule_applies(const AffixRule& rule, const std::string& stem, const std::u32string& stem32) {
    if (stem.size() < rule.strip.size()) return false;
    const bool strip_fits = rule.prefix ? stem.starts_with(rule.strip) : stem.ends_with(rule.strip);
    return strip_fits && condition_matches(rule, stem32);
}

std::string apply_rule(const AffixRule& rule, const std::string& stem) {
    if (rule.prefix) return rule.add + stem.substr(rule.strip.size());
    return stem.substr(0, stem.size() - rule.strip.size()) + rule.add;
}

class Compiler {
  public:
    Compiler(const std::string& dic_path, const std::string& aff_path)
        : aff_(read_affix_file(aff_path)), entries_(read_dic_file(dic_path, aff_)) {}

    std::string run(const std::string& key);

  private:
    bool is_plain_word(const DicEntry& e) const;
    void collect_linking_rules();
    std::vector<std::string> linked_words(const std::string& form, bool compounding_only) const;
    void name_compound_only_stems();
    void expand(std::uint32_t entry);
    void expand_affixes(const DicEntry& e, const std::u32string& stem32, const Roles& roles,
                        bool forbidden, std::uint32_t lemma);
    void emit(const std::string& form, std::uint32_t lemma, std::uint32_t flags);
    auto rank(const std::string& form, const std::string& lemma) const;
    std::optional<std::string> choose(const std::vector<const Record*>& group,
                                      std::uint32_t role) const;
    std::uint32_t transform(const std::string& form, const std::string& lemma);
    std::uint32_t form_info(const std::vector<const Record*>& group);

    AffixFile aff_;
    std::vector<DicEntry> entries_;
    std::vector<const AffixRule*> linking_rules_;  // rules that make compound-only forms
    std::vector<std::string> lemmas_;              // of each entry: its folded stem
    std::vector<std::uint32_t> form_counts_;       // of each entry
    struct PlainWord {
        std::uint32_t forms = 0xffffffff;  // the fewest forms of an entry of it
        bool compounds = false;            // an entry of it may be part of compounds
    };
    std::unordered_map<std::string, PlainWord> plain_words_;  // folded stems, words on their own
    std::vector<Record> records_;
    std::map<std::string, std::uint32_t> transform_ids_;
    std::vector<Transform> transforms_;
    std::string pool_;
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>, std::uint32_t>
        info_ids_;
    std::vector<FormInfo> infos_;
};

bool Compiler::is_plain_word(const DicEntry& e) const {
    return !has_flag(e.flags, aff_.only_in_compound) && !has_flag(e.flags, aff_.forbidden) &&
           !has_flag(e.flags, aff_.need_affix);
}

// Rules whose forms exist only to start or continue compounds ("verksamhet" -> "verksamhets-",
// "gymnasium" -> "gymnasie-"), in a fixed order.
void Compiler::collect_linking_rules() {
    std::vector<Flag> flags;
    for (const auto& [flag, rules] : aff_.rules)
        flags.push_back(flag);
    std::sort(flags.begin(), flags.end());
    for (Flag flag : flags)
        for (const AffixRule& rule : aff_.rules.at(flag))
            if (!rule.prefix && has_flag(rule.continuation, aff_.only_in_compound))
                linking_rules_.push_back(&rule);
}

// How a lemma suits a form, best first: the form itself; a word that compounds (hunspell-sv
// lists "mass-" under the verb "masa", but it is "massa"); the shortest ("förbundet" is "förbund",
// not the participle "förbunden"; "besluts-" is "beslut", not "besluta"); the one keeping most of
// the form; the one with the fewest forms, a noun rather than a verb ("arbets-" is "arbete", not
// "arbeta"); the first alphabetically. A fixed choice, so the forms of a paradigm share a lemma.
auto Compiler::rank(const std::string& form, const std::string& lemma) const {
    const auto it = plain_words_.find(lemma);
    const PlainWord word = it == plain_words_.end() ? PlainWord{} : it->second;
    return std::make_tuple(lemma != form, !word.compounds, lemma.size(),
                           form.size() - common_prefix(form, lemma), word.forms,
                           std::string_view(lemma));
}

// The words a first or middle part may stand for: those that one of the .aff's linking rules
// turns into it, whether or not their entry has that rule's flag ("besluts-" is listed under the
// verb "besluta", but stands for the noun "beslut" as well).
std::vector<std::string> Compiler::linked_words(const std::string& form,
                                                bool compounding_only) const {
    std::vector<std::string> words;
    for (const AffixRule* rule : linking_rules_) {
        if (!form.ends_with(rule->add) || form.size() == rule->add.size()) continue;
        std::string word = form.substr(0, form.size() - rule->add.size()) + rule->strip;
        const auto it = plain_words_.find(word);
        if (it != plain_words_.end() && (it->second.compounds || !compounding_only) &&
            condition_matches(*rule, decode_utf8(word)))
            words.push_back(std::move(word));
    }
    return words;
}

// A stem listed only for compounds ("gymnasie/UXZ", "skol/hsZ") is named after the word it
// stands for ("gymnasium" by um -> e, "skola" by a -> ''), so the query "gymnasium" finds
// "gymnasieskolan".
void Compiler::name_compound_only_stems() {
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        if (!has_flag(entries_[i].flags, aff_.only_in_compound)) continue;
        const std::string stem = lemmas_[i];
        std::vector<std::string> words = linked_words(stem, false);
        if (plain_words_.contains(stem)) words.push_back(stem);
        for (const std::string& w : words)
            if (lemmas_[i] == stem || rank(stem, w) < rank(stem, lemmas_[i])) lemmas_[i] = w;
    }
}

void Compiler::emit(const std::string& form, std::uint32_t lemma, std::uint32_t flags) {
    if (form.empty()) return;
    records_.push_back({fold_case(form), lemma, flags});
    ++form_counts_[lemma];
}

void Compiler::expand(std::uint32_t entry) {
    const DicEntry& e = entries_[entry];
    const bool forbidden = has_flag(e.flags, aff_.forbidden);
    const Roles roles = roles_of(e.flags, aff_);
    if (!has_flag(e.flags, aff_.need_affix)) emit(e.word, entry, flags_of(roles, forbidden));
    expand_affixes(e, decode_utf8(e.word), roles, forbidden, entry);
}

void Compiler::expand_affixes(const DicEntry& e, const std::u32string& stem32, const Roles& roles,
                              bool forbidden, std::uint32_t lemma) {
    std::vector<const AffixRule*> cross_suffixes, cross_prefixes;
    for (Flag flag : e.flags) {
        const auto rules = aff_.rules.find(flag);
        if (rules == aff_.rules.end()) continue;
        for (const AffixRule& rule : rules->second) {
            if (!rule_applies(rule, e.word, stem32)) continue;
            emit(apply_rule(rule, e.word), lemma,
                 flags_of(affixed_roles(roles, rule, aff_), forbidden));
            if (rule.cross_product)
                (rule.prefix ? cross_prefixes : cross_suffixes).push_back(&rule);
        }
    }
    for (const AffixRule* suffix : cross_suffixes) {
        const std::string suffixed = apply_rule(*suffix, e.word);
        const Roles suffixed_roles = affixed_roles(roles, *suffix, aff_);
        for (const AffixRule* prefix : cross_prefixes)
            if (rule_applies(*prefix, suffixed, decode_utf8(suffixed)))
                emit(apply_rule(*prefix, suffixed), lemma,
                     flags_of(affixed_roles(suffixed_roles, *prefix, aff_), forbidden));
    }
}

std::optional<std::string> Compiler::choose(const std::vector<const Record*>& group,
                                            std::uint32_t role) const {
    const std::string& form = group.front()->form;
    std::vector<std::string> linked;
    if (role & kBegin) linked = linked_words(form, true);
    const std::string* best = nullptr;
    auto consider = [&](const std::string& lemma) {
        if (!best || rank(form, lemma) < rank(form, *best)) best = &lemma;
    };
    for (const Record* r : group)
        if (r->flags & role) consider(lemmas_[r->lemma]);
    if (best)
        for (const std::string& w : linked)
            consider(w);
    if (!best) return std::nullopt;
    return *best;
}

std::uint32_t Compiler::transform(const std::string& form, const std::string& lemma) {
    const std::size_t keep = common_prefix(form, lemma);
    const std::string append = lemma.substr(keep);
    const auto strip = static_cast<std::uint32_t>(form.size() - keep);
    const auto [it, added] = transform_ids_.try_emplace(
        std::to_string(strip) + '/' + append, static_cast<std::uint32_t>(transforms_.size()));
    if (added) {
        transforms_.push_back({strip, static_cast<std::uint32_t>(pool_.size()),
                               static_cast<std::uint32_t>(append.size())});
        pool_ += append;
    }
    return it->second;
}

std::uint32_t Compiler::form_info(const std::vector<const Record*>& group) {
    std::uint32_t flags = 0;
    for (const Record* r : group)
        flags |= r->flags;
    if (flags & kForbidden) flags = kForbidden;  // hunspell: a forbidden form wins
    const std::string& form = group.front()->form;
    std::uint32_t ids[3] = {0, 0, 0};
    const std::uint32_t roles[3] = {kWord, kBegin | kMiddle, kEnd};
    for (int i = 0; i < 3; ++i)
        if (const auto lemma = (flags & roles[i]) ? choose(group, roles[i]) : std::nullopt)
            ids[i] = transform(form, *lemma);
    const auto key = std::make_tuple(flags, ids[0], ids[1], ids[2]);
    const auto [it, added] = info_ids_.try_emplace(key, static_cast<std::uint32_t>(infos_.size()));
    if (added) infos_.push_back({flags, ids[0], ids[1], ids[2]});
    return it->second;
}

// ---- the automaton --------------------------------------------------------------------------

// Daciuk et al.'s incremental construction of a minimal acyclic automaton from sorted input.
class AutomatonBuilder {
  public:
    AutomatonBuilder() : nodes_(1) {}

    void add(std::string_view word, std::uint32_t value) {
        const std::size_t shared = common_prefix(previous_, word);
        minimize(shared);
        for (std::size_t i = shared; i < word.size(); ++i) {
            const std::uint32_t node = new_node();
            nodes_[path_.back()].edges.emplace_back(static_cast<unsigned char>(word[i]), node);
            path_.push_back(node);
        }
        nodes_[path_.back()].value = value;
        previous_ = word;
    }

    // States numbered breadth-first from the start state 0, edges of a state contiguous.
    void finish(std::vector<State>& states, std::vector<std::uint32_t>& targets,
                std::string& labels) {
        minimize(0);
        std::unordered_map<std::uint32_t, std::uint32_t> number{{0, 0}};
        std::vector<std::uint32_t> order{0};
        for (std::size_t i = 0; i < order.size(); ++i)
            for (const auto& [label, target] : nodes_[order[i]].edges)
                if (number.try_emplace(target, static_cast<std::uint32_t>(order.size())).second)
                    order.push_back(target);
        for (std::uint32_t id : order) {
            const Node& n = nodes_[id];
            states.push_back({static_cast<std::uint32_t>(targets.size()),
                              static_cast<std::uint32_t>(n.edges.size()), n.value});
            for (const auto& [label, target] : n.edges) {
                targets.push_back(number.at(target));
                labels.push_back(static_cast<char>(label));
            }
        }
    }

  private:
    struct Node {
        std::vector<std::pair<unsigned char, std::uint32_t>> edges;
        std::uint32_t value = 0;
    };

    std::uint32_t new_node() {
        if (free_.empty()) {
            nodes_.emplace_back();
            return static_cast<std::uint32_t>(nodes_.size() - 1);
        }
        const std::uint32_t id = free_.back();
        free_.pop_back();
        nodes_[id] = Node{};
        return id;
    }

    static std::string signature(const Node& n) {
        std::string key(reinterpret_cast<const char*>(&n.value), sizeof n.value);
        for (const auto& [label, target] : n.edges) {
            key.push_back(static_cast<char>(label));
            key.append(reinterpret_cast<const char*>(&target), sizeof target);
        }
        return key;
    }

    // Replaces the nodes of the previous word below `depth` by equivalent registered ones.
    void minimize(std::size_t depth) {
        while (path_.size() > depth + 1) {
            const std::uint32_t child = path_.back();
            path_.pop_back();
            const auto [it, added] = register_.try_emplace(signature(nodes_[child]), child);
            if (added) continue;
            nodes_[path_.back()].edges.back().second = it->second;
            free_.push_back(child);
        }
    }

    std::vector<Node> nodes_;
    std::vector<std::uint32_t> free_;
    std::unordered_map<std::string, std::uint32_t> register_;
    std::vector<std::uint32_t> path_{0};
    std::string previous_;
};

template <typename T>
void append_bytes(std::string& out, const T* data, std::size_t count) {
    out.append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

std::string Compiler::run(const std::string& key) {
    collect_linking_rules();
    form_counts_.assign(entries_.size(), 0);
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        lemmas_.push_back(fold_case(entries_[i].word));
        expand(i);
    }
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
        if (!is_plain_word(entries_[i])) continue;
        PlainWord& word = plain_words_[lemmas_[i]];
        word.forms = std::min(word.forms, form_counts_[i]);
        const Roles roles = roles_of(entries_[i].flags, aff_);
        word.compounds = word.compounds || roles.begin || roles.middle || roles.end;
    }
    name_compound_only_stems();
    std::sort(records_.begin(), records_.end(),
              [](const Record& a, const Record& b) { return a.form < b.form; });

    AutomatonBuilder builder;
    std::vector<const Record*> group;
    for (std::size_t i = 0; i < records_.size(); ++i) {
        group.push_back(&records_[i]);
        if (i + 1 < records_.size() && records_[i + 1].form == records_[i].form) continue;
        builder.add(records_[i].form, form_info(group) + 1);
        group.clear();
    }
    std::vector<State> states;
    std::vector<std::uint32_t> targets;
    std::string labels;
    builder.finish(states, targets, labels);

    ImageHeader header{};
    std::memcpy(header.magic, kImageMagic, sizeof header.magic);
    header.version = kImageVersion;
    header.key_size = static_cast<std::uint32_t>((key.size() + 3) / 4 * 4);
    header.states = static_cast<std::uint32_t>(states.size());
    header.edges = static_cast<std::uint32_t>(targets.size());
    header.infos = static_cast<std::uint32_t>(infos_.size());
    header.transforms = static_cast<std::uint32_t>(transforms_.size());
    header.pool_size = static_cast<std::uint32_t>(pool_.size());

    std::string image;
    append_bytes(image, &header, 1);
    image += key;
    image.resize(sizeof header + header.key_size, '\0');
    append_bytes(image, states.data(), states.size());
    append_bytes(image, targets.data(), targets.size());
    append_bytes(image, infos_.data(), infos_.size());
    append_bytes(image, transforms_.data(), transforms_.size());
    image += labels;
    image += pool_;
    const std::uint32_t checksum = image_checksum(std::string_view(image).substr(sizeof header));
    std::memcpy(image.data() + offsetof(ImageHeader, checksum), &checksum, sizeof checksum);
    return image;
}

}  // namespace

std::string compile_image(const std::string& dic_path, const std::string& aff_path,
                          const std::string& key) {
    return Compiler(dic_path, aff_path).run(key);
}

}  // namespace minutes::lexicon_detail
