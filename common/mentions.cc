#include "mentions.hh"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <algorithm>
#include <cstring>
#include <span>
#include <unordered_map>

#include "body.hh"
#include "date_range.hh"
#include "document.hh"
#include "mentions_filter.hh"
#include "mentions_reader.hh"
#include "mentions_record.hh"
#include "parallel.hh"
#include "schema.hh"
#include "search.hh"

namespace minutes {
namespace {

// One query term: the sequences of words that are a mention of it. A phrase matches its
// words literally and in a row, as in search; a hyphenated word also matches whole, with
// its other forms ("vp-uppdrag": "VP-uppdragen").
struct TermMatcher {
    std::string term;
    std::vector<std::vector<WordMatcher>> sequences;
};

std::vector<TermMatcher> term_matchers(const MentionOptions& options, const QueryContext& context) {
    std::vector<TermMatcher> matchers;
    std::size_t bytes = 0;
    for (const auto& term : options.terms)
        bytes += term.size();
    if (options.terms.size() > options.limits.max_terms)
        throw QueryError("more than " + std::to_string(options.limits.max_terms) + " terms");
    if (bytes > options.limits.max_bytes)
        throw QueryError("the terms are longer than " + std::to_string(options.limits.max_bytes) +
                         " bytes");
    for (const auto& term : options.terms) {
        std::vector<Token> words = words_of(term);
        if (words.empty()) throw QueryError("mentions: '" + term + "' has no words to find");
        TermMatcher m{term, {{}}};
        bool phrase = words.size() > 1;
        for (const auto& w : words)
            m.sequences.front().emplace_back(w, options.exact || phrase, context.expansion);
        if (hyphenated(term, words))
            m.sequences.push_back(
                {WordMatcher(whole_word(words), options.exact, context.expansion)});
        matchers.push_back(std::move(m));
    }
    return matchers;
}

// The terms to find, and what finds the lines they may be on.
struct MentionSearch {
    std::vector<TermMatcher> terms;
    MentionFilter filter;
    Xapian::termpos reach;  // positions a sequence spans after its first word
};

MentionFilter filter_of(const std::vector<TermMatcher>& terms) {
    std::vector<const WordMatcher*> first_words;
    for (const auto& term : terms)
        for (const auto& sequence : term.sequences)
            first_words.push_back(&sequence.front());
    return MentionFilter(first_words);
}

Xapian::termpos reach_of(const std::vector<TermMatcher>& terms) {
    std::size_t longest = 1;
    for (const auto& term : terms)
        for (const auto& sequence : term.sequences)
            longest = std::max(longest, sequence.size());
    return static_cast<Xapian::termpos>(longest - 1);
}

Xapian::Query documents_query(const std::vector<TermMatcher>& matchers,
                              const MentionOptions& options, const QueryContext& context) {
    std::vector<Xapian::Query> any;
    for (const auto& m : matchers)
        for (const auto& sequence : m.sequences) {
            std::vector<Xapian::Query> all;
            for (const auto& w : sequence)
                all.push_back(w.query());
            any.emplace_back(Xapian::Query::OP_AND, all.begin(), all.end());
        }
    Xapian::Query query(Xapian::Query::OP_OR, any.begin(), any.end());
    if (!options.filter.empty())
        query =
            Xapian::Query(Xapian::Query::OP_FILTER, query, parse_query(options.filter, context));
    if (options.from || options.to)
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              date_range_query(DateRange{options.from, options.to}));
    return query;
}

// A word of the body as indexed, with the segment it is in.
struct BodyWord {
    IndexedWord word;
    const Segment* segment;
};

// Leading and trailing white space and PDF symbol glyphs (private use area) are not text.
bool blank_at(std::string_view s, std::size_t i, std::size_t& length) {
    int32_t pos = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    length = static_cast<std::size_t>(pos) - i;
    return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || (c >= 0xE000 && c <= 0xF8FF);
}

// Lines of the stored text: where each starts, and its text trimmed. The starts are found
// only as far as a mention needs them (the title's mention needs one).
class Lines {
  public:
    explicit Lines(std::string_view text) : text_(text), starts_{0} {}
    // Line `number` trimmed, and the offset in the original where the trimmed text starts.
    std::pair<std::string_view, std::size_t> trimmed(std::uint32_t number) const {
        find_starts(number);
        std::size_t start = starts_.at(number - 1);
        std::size_t end = number < starts_.size() ? starts_[number] - 1 : text_.size();
        std::size_t len = 0;
        while (start < end && blank_at(text_, start, len))
            start += len;
        while (end > start) {
            std::size_t back = end - 1;
            while (back > start && (static_cast<unsigned char>(text_[back]) & 0xC0) == 0x80)
                --back;
            if (!blank_at(text_, back, len)) break;
            end = back;
        }
        return {text_.substr(start, end - start), start};
    }

  private:
    // The starts of the lines up to `number` + 1, or of all lines.
    void find_starts(std::uint32_t number) const {
        while (starts_.size() <= number) {
            std::size_t from = starts_.back();
            const void* end = std::memchr(text_.data() + from, '\n', text_.size() - from);
            if (!end) break;
            starts_.push_back(
                static_cast<std::size_t>(static_cast<const char*>(end) - text_.data()) + 1);
        }
    }

    std::string_view text_;
    mutable std::vector<std::size_t> starts_;
};

// The mention of `term` at words[first .. last] of one segment.
Mention make_mention(const TermMatcher& term, Match match, const BodyWord& first,
                     const BodyWord& last, const Lines& lines) {
    const Segment& seg = *first.segment;
    std::size_t begin = first.word.offset;
    std::size_t end = last.word.offset + last.word.length;
    Mention m;
    m.line = seg.line_at(begin);
    auto [text, text_start] = lines.trimmed(m.line);
    m.text = std::string(text);
    m.form = seg.text.substr(begin, end - begin);
    m.term = term.term;
    m.match = match;
    std::size_t source = seg.source_at(begin);
    m.column = source >= text_start ? std::min(source - text_start, text.size()) : 0;
    m.width = std::min(end - begin, text.size() - m.column);
    return m;
}

// The words of a body by position: at one position, in the order they were walked (a
// hyphenated word whole comes after its first part).
class WordsAt {
  public:
    explicit WordsAt(const std::vector<BodyWord>& words) {
        for (std::size_t i = 0; i < words.size(); ++i)
            at_.emplace_back(words[i].word.position, i);
        std::stable_sort(at_.begin(), at_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [position, word] : at_)
            if (positions_.empty() || positions_.back() != position) positions_.push_back(position);
    }
    const std::vector<Xapian::termpos>& positions() const { return positions_; }
    // Indexes of the words at `position`.
    std::span<const std::pair<Xapian::termpos, std::size_t>> at(Xapian::termpos position) const {
        auto lo = std::lower_bound(at_.begin(), at_.end(), position,
                                   [](const auto& a, Xapian::termpos p) { return a.first < p; });
        auto hi = lo;
        while (hi != at_.end() && hi->first == position)
            ++hi;
        return {lo, hi};
    }

  private:
    std::vector<std::pair<Xapian::termpos, std::size_t>> at_;
    std::vector<Xapian::termpos> positions_;  // distinct, ascending
};

// The best match of `matcher` among the words at `position`: (match, word index).
std::optional<std::pair<Match, std::size_t>> match_at(const WordMatcher& matcher,
                                                      Xapian::termpos position, const WordsAt& at,
                                                      const std::vector<BodyWord>& words) {
    std::optional<std::pair<Match, std::size_t>> best;
    for (const auto& [pos, index] : at.at(position)) {
        auto match = matcher.match(words[index].word.term);
        if (match && (!best || *match < best->first)) best = {{*match, index}};
    }
    return best;
}

// A sequence starting at `position`: (its weakest match, first word, last word).
struct SequenceMatch {
    Match match;
    std::size_t first, last;
};

std::optional<SequenceMatch> sequence_at(const std::vector<WordMatcher>& sequence,
                                         Xapian::termpos position, const WordsAt& at,
                                         const std::vector<BodyWord>& words) {
    std::optional<SequenceMatch> found;
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        auto m = match_at(sequence[i], position + static_cast<Xapian::termpos>(i), at, words);
        if (!m) return std::nullopt;
        if (!found) found = SequenceMatch{m->first, m->second, m->second};
        found->match = std::max(found->match, m->first);
        found->last = m->second;
    }
    return found;
}

// The mentions of `term` in a body: one at each position where one of its sequences
// starts, the best of them (a hyphenated word whole shares its first part's position).
void find_term(const TermMatcher& term, const std::vector<BodyWord>& words, const WordsAt& at,
               const Lines& lines, std::vector<Mention>& hits) {
    for (Xapian::termpos position : at.positions()) {
        std::optional<SequenceMatch> best;
        for (const auto& sequence : term.sequences) {
            auto m = sequence_at(sequence, position, at, words);
            if (m && (!best || m->match < best->match)) best = m;
        }
        if (best)
            hits.push_back(
                make_mention(term, best->match, words[best->first], words[best->last], lines));
    }
}

// The words of a body that a mention can be made of. Only the lines that may hold a first
// word are walked, unless a phrase is long enough to reach from the running text into the
// furniture, which only the whole walk numbers right.
std::vector<BodyWord> words_to_match(const Body& body, const MentionSearch& search) {
    std::vector<BodyWord> words;
    auto add = [&](const IndexedWord& w, const Segment& seg) { words.push_back({w, &seg}); };
    if (search.reach <= furniture_position_gap)
        for_each_candidate_word(body, search.filter, search.reach, add);
    else
        for_each_body_word(body, add);
    return words;
}

DocumentMentions mentions_in(const MentionRecord& record, const MentionSearch& search) {
    DocumentMentions found{record.file(), record.meeting(), record.date(), {}};
    Body body = prepare_body(record.text());
    std::vector<BodyWord> words = words_to_match(body, search);
    if (words.empty()) return found;
    WordsAt at(words);
    Lines lines(record.text());
    for (const auto& term : search.terms)
        find_term(term, words, at, lines, found.hits);
    std::stable_sort(found.hits.begin(), found.hits.end(), [](const auto& a, const auto& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return found;
}

// The documents of `query` with their values in `slot`, ordered by that value (then by
// docid, as every sort of Xapian's breaks ties). Sorting by a value works over the remote
// backend, which refuses a KeyMaker.
std::vector<std::pair<Xapian::docid, std::string>> by_value(const Xapian::Database& db,
                                                            const Xapian::Query& query,
                                                            Xapian::valueno slot) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(slot, false);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<std::pair<Xapian::docid, std::string>> found;
    found.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it)
        found.emplace_back(*it, it.get_sort_key());
    return found;
}

// The documents of `query` in date then file order (undated last). Docids say nothing of
// the file order: the docids of shards interleave.
std::vector<Xapian::docid> in_date_order(const Xapian::Database& db, const Xapian::Query& query) {
    std::unordered_map<Xapian::docid, std::size_t> file_rank;
    for (const auto& [id, file] : by_value(db, query, slot(Slot::file)))
        file_rank.emplace(id, file_rank.size());
    auto rank = [&](Xapian::docid id) {
        auto it = file_rank.find(id);
        return it == file_rank.end() ? file_rank.size() : it->second;
    };
    Xapian::Query dated = date_range_query({});
    std::vector<Xapian::docid> ids;
    for (const auto& part : {Xapian::Query(Xapian::Query::OP_FILTER, query, dated),
                             Xapian::Query(Xapian::Query::OP_AND_NOT, query, dated)}) {
        auto docs = by_value(db, part, slot(Slot::date));
        // Runs of one date, in file order.
        std::stable_sort(docs.begin(), docs.end(), [&](const auto& a, const auto& b) {
            if (a.second != b.second) return a.second < b.second;
            return rank(a.first) < rank(b.first);
        });
        for (const auto& doc : docs)
            ids.push_back(doc.first);
    }
    return ids;
}

}  // namespace

std::size_t for_each_mention(const Xapian::Database& db, const MentionOptions& options,
                             const std::function<void(const DocumentMentions&)>& sink) {
    QueryContext context = archive_query_context(db, options.exact, options.limits);
    std::vector<TermMatcher> terms = term_matchers(options, context);
    Xapian::Query query = documents_query(terms, options, context);
    MentionFilter filter = filter_of(terms);
    Xapian::termpos reach = reach_of(terms);
    MentionSearch search{std::move(terms), std::move(filter), reach};
    std::size_t total = 0;
    // Found on worker threads, while this one hands them to the sink; a worker reopens its
    // handle should an indexer commit meanwhile.
    MentionReader reader(
        db, in_date_order(db, query),
        [&search](std::string record) {
            return mentions_in(MentionRecord(std::move(record)), search);
        },
        query_threads(options.threads));
    for (std::optional<DocumentMentions> found; reader.next(found);) {
        if (!found || found->hits.empty()) continue;
        total += found->hits.size();
        sink(*found);
    }
    return total;
}

}  // namespace minutes
