// Which lines of a body can hold a mention, so that mentions tokenizes and matches only those
// (ICU word breaking, stemming and matching every word cost most of its time, and a term is
// seldom on more than a few lines of a document).
//
// The filter is conservative by construction: a word a WordMatcher accepts is the word as
// typed, one of the forms it lists (accepted_terms), or a word holding its stem (a Swedish
// Snowball stem is always a prefix of its word: the stemmer only deletes or shortens
// suffixes). So every accepted index term contains one of its accepted terms, the stem
// unprefixed ("needles"). An index term is the case fold of a stretch of one line (a word,
// or a hyphenated word whole), possibly without its hyphens ("upp-följning" is also
// indexed as "uppföljning"). Full case folding maps each code point on its own, so the fold
// of the line, with its hyphens dropped, contains every term of the line with its hyphens
// dropped, and so one of the needles with theirs dropped.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "body.hh"
#include "terms.hh"

namespace minutes {

class MentionFilter {
  public:
    // `first_words`: the matchers of the first word of every sequence a mention can start
    // with; a line holding none of their words cannot start a mention.
    explicit MentionFilter(const std::vector<const WordMatcher*>& first_words);
    // Or the index terms a word may match: folded words, and stems ("Z" + stem); terms of
    // other prefixes (fields) are no body word and are left out.
    explicit MentionFilter(const std::vector<std::string>& terms);

    // The lines of `text` (split at '\n'), and whether each may hold a word one of the
    // matchers accepts.
    struct Lines {
        std::vector<std::size_t> starts;
        std::vector<bool> candidate;
    };
    Lines candidate_lines(std::string_view text) const;

  private:
    std::vector<std::string> needles_;  // folded, without hyphens; none holds another
    std::vector<std::string> blurred_;  // the same, blurred (mentions_filter.cc)
};

// Calls `sink` for the words of `body` that for_each_body_word gives, limited to the lines
// of each segment that `filter` keeps and the lines after them up to `reach` positions
// further (the rest of a phrase). The positions keep their order and their distances within
// each stretch of lines walked; stretches are more than `reach` positions apart. A phrase
// may not be longer than the gap between the running text and the furniture
// (reach <= furniture_position_gap).
void for_each_candidate_word(const Body& body, const MentionFilter& filter, Xapian::termpos reach,
                             const std::function<void(const IndexedWord&, const Segment&)>& sink);

}  // namespace minutes
