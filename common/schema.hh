// The index schema: every term prefix and value slot, in one table.
// docs/ARCHITECTURE.md mirrors this table; change both together.
//
// A document is one file. Its terms:
//   body words     unprefixed, case-folded, with positions (phrases, snippets, mentions)
//   Z + stem       Swedish Snowball stem of each body word, no positions
//   XC + lemma     each part of each compound body word ("gymnasieskolan": XCgymnasium,
//                  XCskola), no positions, the wdf of the compound: a query word finds
//                  every compound it is part of in one postlist
//   fields         a prefix + the folded value, as listed in `fields` below
// Its values: the slots in `Slot`. Its data: the stored record (document.hh).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace minutes {

enum class Slot : Xapian::valueno {
    date = 0,          // "YYYYMMDD", for date ranges and sorting; empty when undated
    meeting = 1,       // meeting id, the collapse key that folds copies of one meeting
    file_state = 2,    // size and mtime of the file when indexed, for incremental updates
    file = 3,          // the path as given to the indexer
    record = 4,        // the stored record without its text: lists of meetings need no text
    content_hash = 5,  // 64-bit hash of the file's bytes: unchanged and moved files
    ocr_damage = 6,    // "0.2191": share of unknown words; the best copy of a meeting is shown
    fingerprint = 7,   // MinHash of the text (near_duplicates.hh): copies of one meeting
};

constexpr Xapian::valueno slot(Slot s) {
    return static_cast<Xapian::valueno>(s);
}

enum class FieldKind : std::uint8_t {
    words,    // free text: each word of the value is a term (topic:budget)
    exact,    // one term for the whole value, folded (participant:"Susanne Fras")
    date,     // a date or date range over Slot::date
    literal,  // body words matched literally: no stemming, folding or compound expansion
};

// A field users can name in a query, in English and Swedish.
struct Field {
    std::string_view name;    // "participant"
    std::string_view alias;   // "deltagare"
    std::string_view prefix;  // "XP"; empty for fields that are not terms
    FieldKind kind;
};

inline constexpr std::array<Field, 9> fields{{
    {"date", "datum", "", FieldKind::date},
    {"participant", "deltagare", "XP", FieldKind::exact},
    {"absent", "frånvarande", "XA", FieldKind::exact},
    {"topic", "ämne", "XT", FieldKind::words},
    {"responsible", "ansvar", "XR", FieldKind::exact},
    {"secretary", "sekreterare", "XS", FieldKind::exact},
    {"file", "fil", "XF", FieldKind::exact},
    {"meeting", "möte", "XM", FieldKind::exact},
    {"exact", "exakt", "", FieldKind::literal},
}};

// Prefixes of terms that are not fields users name.
inline constexpr std::string_view stem_prefix = "Z";
inline constexpr std::string_view unique_prefix = "Q";  // "Q" + file path: one per document
// "XN" + a person's name exactly as written, for every person a document names in any role:
// the archive's spellings of names, from which people are told apart (people.hh).
inline constexpr std::string_view name_prefix = "XN";
// "XC" + the lemma of a part of a compound body word (vocabulary.hh: the analyzer).
inline constexpr std::string_view compound_part_prefix = "XC";
inline std::string compound_part_term(std::string_view part_lemma) {
    return std::string(compound_part_prefix).append(part_lemma);
}
// "XB" + an LSH band of the document's fingerprint: candidates for copies of its meeting.
inline constexpr std::string_view band_prefix = "XB";

// The field named `name` (English or Swedish, case-insensitive), if any.
const Field* find_field(std::string_view name);

// True for the fields whose values are people's names (participant, absent, responsible,
// secretary): a query on them also finds the other spellings of the same person.
bool names_people(const Field& field);

// Metadata keys stored in the database.
inline constexpr std::string_view roots_key = "minutes:roots";    // indexed paths, one a line
inline constexpr std::string_view schema_key = "minutes:schema";  // schema version
inline constexpr std::string_view schema_version = "7";

// Page furniture words are indexed this many positions after the running text.
inline constexpr unsigned furniture_position_gap = 100;

// Longest term Xapian accepts is 245 bytes; longer "words" are junk, not worth indexing.
inline constexpr std::size_t max_term_bytes = 120;

}  // namespace minutes
