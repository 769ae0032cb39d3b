// The passage of a text that shows best why it matched a query, with the matched words
// marked. Relevance comes from the query's term frequencies as the match counted them, so
// the snippet is the same however the archive is sharded, and costs no round trip to a
// remote shard (Xapian's MSet::snippet weighs words by per-shard bounds, and asks every
// remote shard for the frequency of every word of the text).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace minutes {

struct SnippetStyle {
    std::size_t bytes = 240;  // of text shown, about
    std::string_view mark_start, mark_end;
    std::string_view omitted = "…";
};

// How much a term of the query weighs: an inverse document frequency.
using TermWeight = std::function<double(const std::string& term)>;

// The snippet of `text` for `query`: the window of words holding the most weight of
// distinct query terms (repeats count a little), the earliest of equals, widened to
// `style.bytes`, with "…" where text was left out. A word matches when its folded form or
// its stem ("Z" + stem) is a term of the query, or one of its compound parts is ("XC" + part:
// the lexicon splits it).
std::string make_snippet(std::string_view text, const Xapian::Query& query,
                         const TermWeight& weight, const SnippetStyle& style);

}  // namespace minutes
