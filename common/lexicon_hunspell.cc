// Reading hunspell's .aff (affix rules, flag meanings) and .dic (stems with flags): only what
// the lexicon needs to expand the word list, not spelling suggestions.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "lexicon_image.hh"

namespace minutes::lexicon_detail {
namespace {

std::vector<std::string> tokens_of(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> tokens;
    for (std::string t; in >> t;)
        tokens.push_back(t);
    return tokens;
}

std::vector<Flag> parse_flags(std::string_view text, FlagType type) {
    std::vector<Flag> flags;
    if (type == FlagType::kNumber) {
        std::istringstream in{std::string(text)};
        for (std::string n; std::getline(in, n, ',');)
            if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos)
                flags.push_back(static_cast<Flag>(std::stoul(n)));
    } else if (type == FlagType::kLong) {
        for (std::size_t i = 0; i + 1 < text.size(); i += 2)
            flags.push_back(static_cast<unsigned char>(text[i]) << 8 |
                            static_cast<unsigned char>(text[i + 1]));
    } else {
        for (char32_t c : decode_utf8(text))
            flags.push_back(c);
    }
    std::sort(flags.begin(), flags.end());
    return flags;
}

Flag parse_flag(std::string_view text, FlagType type) {
    const auto flags = parse_flags(text, type);
    return flags.empty() ? 0 : flags.front();
}

std::vector<ConditionElement> parse_condition(std::string_view text) {
    std::vector<ConditionElement> elements;
    const std::u32string letters = decode_utf8(text);
    for (std::size_t i = 0; i < letters.size(); ++i) {
        ConditionElement e;
        if (letters[i] == U'.') {
            e.any = true;
        } else if (letters[i] == U'[') {
            const std::size_t close = letters.find(U']', i);
            if (close == std::u32string::npos) throw std::runtime_error("unclosed [ in condition");
            e.negated = i + 1 < close && letters[i + 1] == U'^';
            e.letters = letters.substr(i + 1 + e.negated, close - i - 1 - e.negated);
            i = close;
        } else {
            e.letters = letters.substr(i, 1);
        }
        elements.push_back(std::move(e));
    }
    return elements;
}

// "0" stands for the empty string in strip and add fields.
std::string zero_is_empty(std::string_view text) {
    return text == "0" ? "" : std::string(text);
}

AffixRule parse_rule(const std::vector<std::string>& t, bool cross, FlagType type) {
    AffixRule rule;
    rule.prefix = t[0] == "PFX";
    rule.cross_product = cross;
    rule.strip = zero_is_empty(t[2]);
    const std::size_t slash = t[3].find('/');
    rule.add = zero_is_empty(std::string_view(t[3]).substr(0, slash));
    if (slash != std::string::npos)
        rule.continuation = parse_flags(std::string_view(t[3]).substr(slash + 1), type);
    rule.condition = parse_condition(t.size() > 4 ? t[4] : ".");
    if (rule.condition.size() == 1 && rule.condition[0].any) rule.condition.clear();
    return rule;
}

// The named single-flag options of the .aff, by keyword.
Flag* option_flag(AffixFile& aff, const std::string& keyword) {
    if (keyword == "NEEDAFFIX" || keyword == "PSEUDOROOT") return &aff.need_affix;
    if (keyword == "FORBIDDENWORD") return &aff.forbidden;
    if (keyword == "ONLYINCOMPOUND") return &aff.only_in_compound;
    if (keyword == "COMPOUNDFLAG") return &aff.compound;
    if (keyword == "COMPOUNDBEGIN") return &aff.compound_begin;
    if (keyword == "COMPOUNDMIDDLE") return &aff.compound_middle;
    if (keyword == "COMPOUNDEND") return &aff.compound_end;
    if (keyword == "COMPOUNDPERMITFLAG") return &aff.compound_permit;
    return nullptr;
}

std::ifstream open_or_throw(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read hunspell " + std::string(what) + " " + path);
    return in;
}

void strip_bom_and_cr(std::string& line, bool first) {
    if (first && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
}

// Where "word/flags" ends: at a tab, or at a space before a morphological field ("po:noun");
// other spaces belong to the word ("ad hoc").
std::size_t field_end(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\t') return i;
        if (line[i] == ' ' && i + 3 < line.size() && line[i + 3] == ':') return i;
    }
    return line.size();
}

struct AffixParser {
    AffixFile aff;
    std::string pending_kind;  // "SFX"/"PFX" while a block's rules are being read
    Flag pending_flag = 0;
    bool pending_cross = false;
    int pending_count = 0;

    void line(const std::vector<std::string>& t) {
        if (t.empty() || t[0].starts_with('#')) return;
        if ((t[0] == "SFX" || t[0] == "PFX") && t.size() >= 4) return affix_line(t);
        if (t.size() < 2) return;
        if (t[0] == "SET" && t[1] != "UTF-8")
            throw std::runtime_error("only UTF-8 dictionaries are supported, not " + t[1]);
        if (t[0] == "FLAG")
            aff.flag_type = t[1] == "long"  ? FlagType::kLong
                            : t[1] == "num" ? FlagType::kNumber
                                            : FlagType::kChar;
        if (Flag* f = option_flag(aff, t[0])) *f = parse_flag(t[1], aff.flag_type);
    }

    void affix_line(const std::vector<std::string>& t) {
        const Flag flag = parse_flag(t[1], aff.flag_type);
        if (pending_count > 0 && t[0] == pending_kind && flag == pending_flag) {
            aff.rules[flag].push_back(parse_rule(t, pending_cross, aff.flag_type));
            --pending_count;
            return;
        }
        pending_kind = t[0];
        pending_flag = flag;
        pending_cross = t[2] == "Y";
        pending_count = std::atoi(t[3].c_str());
    }
};

}  // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = length == 1 ? c : c & (0x3F >> (length - 1));
        for (int k = 1; k < length && i + k < text.size(); ++k)
            cp = cp << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        out.push_back(cp);
        i += length;
    }
    return out;
}

bool has_flag(const std::vector<Flag>& flags, Flag flag) {
    return flag != 0 && std::binary_search(flags.begin(), flags.end(), flag);
}

bool condition_matches(const AffixRule& rule, const std::u32string& stem) {
    const std::size_t n = rule.condition.size();
    if (stem.size() < n) return false;
    const std::size_t offset = rule.prefix ? 0 : stem.size() - n;
    for (std::size_t i = 0; i < n; ++i) {
        const ConditionElement& e = rule.condition[i];
        if (e.any) continue;
        const bool listed = e.letters.find(stem[offset + i]) != std::u32string::npos;
        if (listed == e.negated) return false;
    }
    return true;
}

AffixFile read_affix_file(const std::string& path) {
    std::ifstream in = open_or_throw(path, "affix file");
    AffixParser parser;
    bool first = true;
    for (std::string line; std::getline(in, line); first = false) {
        strip_bom_and_cr(line, first);
        try {
            parser.line(tokens_of(line));
        } catch (const std::exception& e) {
            throw std::runtime_error(path + ": " + e.what() + " in line: " + line);
        }
    }
    return std::move(parser.aff);
}

std::vector<DicEntry> read_dic_file(const std::string& path, const AffixFile& affixes) {
    std::ifstream in = open_or_throw(path, "dictionary");
    const FlagType type = affixes.flag_type;
    std::vector<DicEntry> entries;
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error("empty hunspell dictionary " + path);
    for (; std::getline(in, line);) {
        strip_bom_and_cr(line, false);
        std::string_view field = std::string_view(line).substr(0, field_end(line));
        while (!field.empty() && field.back() == ' ')
            field.remove_suffix(1);
        if (field.empty()) continue;
        // The first '/' after the first letter separates the flags ("-/-06XY" is the word "-").
        std::size_t slash = field.find('/', 1);
        while (slash != std::string_view::npos && field[slash - 1] == '\\')
            slash = field.find('/', slash + 1);
        DicEntry entry;
        entry.word = std::string(field.substr(0, slash));
        for (std::size_t p; (p = entry.word.find("\\/")) != std::string::npos;)
            entry.word.erase(p, 1);
        if (slash != std::string_view::npos)
            entry.flags = parse_flags(field.substr(slash + 1), type);
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace minutes::lexicon_detail
