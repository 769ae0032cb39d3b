// The query language: words (all must match), "phrases", AND OR NOT, -word, prefix*,
// parentheses, and fields (schema.hh) in English or Swedish: participant:"Susanne Fras",
// date:2022..2023, topic:budget, exact:Aterkoppling.
// Words go through the same tokenizer as indexed text (text.hh), so "vp-uppdrag" and
// "2019-09-17" become phrases of the words the index holds.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "terms.hh"

namespace minutes {

// A query that cannot be read; the message says what and where, for the user.
struct QueryError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct QueryLimits {
    std::size_t max_bytes = 64 * 1024;      // longer queries are an error, not minutes of work
    std::size_t max_terms = 1000;           // words, phrases and fields together
    Xapian::termcount max_wildcard = 5000;  // terms one prefix* may expand to
};

struct QueryContext {
    QueryLimits limits;
    WordExpansion expansion;  // where words find their other forms (none: stems only)
    bool literal = false;     // every word literally, as with exact: (the --exact switch)
    // The spellings of a person's name the archive holds (people.hh), for fields that name
    // people; none: names match as written, case-insensitively.
    std::function<std::vector<std::string>(std::string_view)> spellings;
};

Xapian::Query parse_query(std::string_view text, const QueryContext& context = {});

}  // namespace minutes
