#include "people.hh"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

#include "text.hh"
#include "vocabulary.hh"

namespace minutes {
namespace {

using Parts = std::vector<std::string>;

// A near spelling must be this long: shorter names one edit apart are often different
// names ("Anna", "Anne"; "Mats", "Matz").
constexpr std::size_t min_letters = 5;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> words_of(std::string_view name) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < name.size()) {
        if (is_space(name[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < name.size() && !is_space(name[end]))
            ++end;
        words.push_back(name.substr(i, end - i));
        i = end;
    }
    return words;
}

template <typename Part>
std::string join(const std::vector<Part>& parts, char separator) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

Parts folded_parts(std::string_view name) {
    Parts parts;
    for (std::string_view word : words_of(name))
        parts.push_back(fold_diacritics(word));
    return parts;
}

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t next_letter(std::string_view s, std::size_t i) {
    do {
        ++i;
    } while (i < s.size() && is_continuation(s[i]));
    return i;
}

std::size_t letters(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

// OCR reads "m" as "rn": the words are equal but for one such swap.
bool ocr_swap(std::string_view a, std::string_view b) {
    std::size_t shorter = std::min(a.size(), b.size()), prefix = 0, suffix = 0;
    while (prefix < shorter && a[prefix] == b[prefix])
        ++prefix;
    while (suffix < shorter - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    std::string_view x = a.substr(prefix, a.size() - prefix - suffix);
    std::string_view y = b.substr(prefix, b.size() - prefix - suffix);
    return (x == "rn" && y == "m") || (x == "m" && y == "rn");
}

bool near_parts(std::string_view a, std::string_view b) {
    return letters(a) >= min_letters && letters(b) >= min_letters &&
           (edit_distance(a, b, 1) == 1 || ocr_swap(a, b));
}

bool same_parts(const Parts& a, const Parts& b) {
    if (a.empty() || a.size() != b.size()) return false;
    std::size_t differing = a.size();
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) continue;
        if (differing != a.size()) return false;
        differing = i;
    }
    return differing == a.size() || (a.size() > 1 && near_parts(a[differing], b[differing]));
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
    std::string out;
    std::size_t done = 0;
    for (std::size_t at = s.find(from); at != std::string_view::npos; at = s.find(from, done)) {
        out.append(s.substr(done, at - done)).append(to);
        done = at + from.size();
    }
    return out.append(s.substr(done));
}

// Two parts near each other share one of these: a part one edit from another equals it less
// one letter, or both less the letter they differ in; an OCR swap reads equal with "m" for "rn".
std::vector<std::string> neighbourhood(const std::string& part) {
    std::vector<std::string> out{part, replace_all(part, "rn", "m")};
    for (std::size_t i = 0; i < part.size(); i = next_letter(part, i))
        out.push_back(part.substr(0, i) + part.substr(next_letter(part, i)));
    return out;
}

// The keys under which names that are the same person but for one near part meet, so that
// each name is compared with a few candidates rather than with every person. Only hashes are
// kept, to save memory: a collision merely adds a candidate that same_parts() turns down.
std::vector<std::size_t> block_keys(const Parts& parts) {
    std::vector<std::size_t> keys;
    if (parts.size() < 2) return keys;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (letters(parts[i]) < min_letters) continue;
        Parts blocked = parts;
        for (std::string& near : neighbourhood(parts[i])) {
            blocked[i] = std::move(near);
            keys.push_back(
                std::hash<std::string>{}(std::to_string(i) + '\x1e' + join(blocked, '\x1f')));
        }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

struct Spelling {
    std::string text;
    unsigned count;
};

// The order in which spellings are clustered; the first of a person's is its canonical name.
bool preferred(const Spelling& a, const Spelling& b) {
    if (a.count != b.count) return a.count > b.count;
    bool a_marked = has_non_ascii(a.text), b_marked = has_non_ascii(b.text);
    if (a_marked != b_marked) return a_marked;
    return a.text < b.text;
}

}  // namespace

bool same_person(std::string_view a, std::string_view b) {
    return same_parts(folded_parts(a), folded_parts(b));
}

struct PersonDirectory::Index {
    struct Entry {
        Parts parts;  // folded
        std::size_t person;
        bool canonical;
    };

    std::vector<Person> people;                                // in order of forming
    std::vector<std::size_t> sorted;                           // people by name
    std::vector<Entry> entries;                                // one per spelling
    std::unordered_map<std::string, std::size_t> by_folded;    // folded name -> person
    std::unordered_multimap<std::size_t, std::size_t> by_key;  // block key -> entries

    explicit Index(const std::unordered_map<std::string, unsigned>& counts) {
        std::vector<Spelling> spellings;
        for (const auto& [text, count] : counts)
            spellings.push_back({text, count});
        std::sort(spellings.begin(), spellings.end(), preferred);
        for (Spelling& s : spellings)
            cluster(std::move(s));
        // Only canonical names were keyed while clustering (no chaining); find() also
        // matches names near a variant.
        for (std::size_t e = 0; e < entries.size(); ++e)
            if (!entries[e].canonical) add_keys(e);
        sort_people();
    }

    // The person of a name: one with a spelling equal after folding, else the first formed
    // with a keyed spelling near it.
    std::optional<std::size_t> person_of(const Parts& parts) const {
        if (auto it = by_folded.find(join(parts, ' ')); it != by_folded.end()) return it->second;
        std::optional<std::size_t> best;
        for (std::size_t key : block_keys(parts)) {
            for (auto [it, end] = by_key.equal_range(key); it != end; ++it) {
                const Entry& entry = entries[it->second];
                if ((!best || entry.person < *best) && same_parts(parts, entry.parts))
                    best = entry.person;
            }
        }
        return best;
    }

  private:
    void cluster(Spelling s) {
        Parts parts = folded_parts(s.text);
        std::optional<std::size_t> person = person_of(parts);
        bool canonical = !person;
        if (canonical) {
            person = people.size();
            people.push_back({std::move(s.text), {}, 0});
        } else {
            people[*person].variants.push_back(std::move(s.text));
        }
        people[*person].count += s.count;
        by_folded.emplace(join(parts, ' '), *person);
        entries.push_back({std::move(parts), *person, canonical});
        if (canonical) add_keys(entries.size() - 1);
    }

    void add_keys(std::size_t e) {
        for (std::size_t key : block_keys(entries[e].parts))
            by_key.emplace(key, e);
    }

    void sort_people() {
        std::vector<std::string> folded;
        for (const Person& p : people)
            folded.push_back(fold_diacritics(p.name));
        sorted.resize(people.size());
        for (std::size_t i = 0; i < sorted.size(); ++i)
            sorted[i] = i;
        std::sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(folded[a], people[a].name) < std::tie(folded[b], people[b].name);
        });
    }
};

const PersonDirectory::Index& PersonDirectory::index() const {
    if (!index_) index_ = std::make_shared<const Index>(counts_);
    return *index_;
}

void PersonDirectory::add(std::string_view name, unsigned count) {
    std::string spelling = join(words_of(name), ' ');
    if (spelling.empty() || count == 0) return;
    counts_[spelling] += count;
    index_.reset();
}

std::vector<Person> PersonDirectory::people() const {
    const Index& idx = index();
    std::vector<Person> out;
    out.reserve(idx.sorted.size());
    for (std::size_t i : idx.sorted)
        out.push_back(idx.people[i]);
    return out;
}

const Person* PersonDirectory::find(std::string_view name) const {
    // No one's name is this long; a query may be, and looking it up would cost its square.
    constexpr std::size_t longest_name = 200, most_parts = 8;
    if (name.size() > longest_name) return nullptr;
    Parts parts = folded_parts(name);
    if (parts.size() > most_parts) return nullptr;
    const Index& idx = index();
    std::optional<std::size_t> person = idx.person_of(parts);
    return person ? &idx.people[*person] : nullptr;
}

std::vector<std::string> PersonDirectory::spellings_of(std::string_view name) const {
    const Person* person = find(name);
    if (!person) return {std::string(name)};
    std::vector<std::string> out{person->name};
    out.insert(out.end(), person->variants.begin(), person->variants.end());
    return out;
}

}  // namespace minutes
