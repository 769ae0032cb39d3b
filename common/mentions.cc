#include "mentions.hh"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <algorithm>
#include <map>

#include "body.hh"
#include "date_range.hh"
#include "document.hh"
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

// Lines of the stored text: where each starts, and its text trimmed.
class Lines {
  public:
    explicit Lines(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    // Line `number` trimmed, and the offset in the original where the trimmed text starts.
    std::pair<std::string_view, std::size_t> trimmed(std::uint32_t number) const {
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
    std::string_view text_;
    std::vector<std::size_t> starts_;
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

using WordsAt = std::multimap<Xapian::termpos, std::size_t>;  // position -> words there

// The best match of `matcher` among the words at `position`: (match, word index).
std::optional<std::pair<Match, std::size_t>> match_at(const WordMatcher& matcher,
                                                      Xapian::termpos position, const WordsAt& at,
                                                      const std::vector<BodyWord>& words) {
    std::optional<std::pair<Match, std::size_t>> best;
    auto [lo, hi] = at.equal_range(position);
    for (auto it = lo; it != hi; ++it) {
        auto match = matcher.match(words[it->second].word.term);
        if (match && (!best || *match < best->first)) best = {{*match, it->second}};
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
    for (auto it = at.begin(); it != at.end(); it = at.upper_bound(it->first)) {
        std::optional<SequenceMatch> best;
        for (const auto& sequence : term.sequences) {
            auto m = sequence_at(sequence, it->first, at, words);
            if (m && (!best || m->match < best->match)) best = m;
        }
        if (best)
            hits.push_back(
                make_mention(term, best->match, words[best->first], words[best->last], lines));
    }
}

DocumentMentions mentions_in(const StoredDocument& doc, const std::vector<TermMatcher>& terms) {
    Body body = prepare_body(doc.text);
    std::vector<BodyWord> words;
    for_each_body_word(body, [&](const IndexedWord& w, const Segment& seg) {
        words.push_back({w, &seg});
    });
    WordsAt at;
    for (std::size_t i = 0; i < words.size(); ++i)
        at.emplace(words[i].word.position, i);
    Lines lines(doc.text);
    DocumentMentions found{doc.file, doc.meeting.id, doc.meeting.date, {}};
    for (const auto& term : terms)
        find_term(term, words, at, lines, found.hits);
    std::stable_sort(found.hits.begin(), found.hits.end(), [](const auto& a, const auto& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return found;
}

// The documents of `query` in date then file order (undated last).
std::vector<Xapian::docid> in_date_order(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Query dated = date_range_query({});
    Xapian::MultiValueKeyMaker order;
    order.add_value(slot(Slot::date));
    order.add_value(slot(Slot::file));
    std::vector<Xapian::docid> ids;
    for (const auto& part : {Xapian::Query(Xapian::Query::OP_FILTER, query, dated),
                             Xapian::Query(Xapian::Query::OP_AND_NOT, query, dated)}) {
        Xapian::Enquire enquire(db);
        enquire.set_query(part);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_key(&order, false);
        Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
        for (auto it = mset.begin(); it != mset.end(); ++it)
            ids.push_back(*it);
    }
    return ids;
}

// The stored record of a document; an indexer committing meanwhile makes the reader move to
// the newest revision (a document removed meanwhile is left out).
std::optional<StoredDocument> read_record(Xapian::Database& db, Xapian::docid id) {
    for (int attempt = 0;; ++attempt) {
        try {
            return decode_record(db.get_document(id).get_data());
        } catch (const Xapian::DocNotFoundError&) {
            return std::nullopt;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 100) throw;
            db.reopen();
        }
    }
}

}  // namespace

std::size_t for_each_mention(const Xapian::Database& db, const MentionOptions& options,
                             const std::function<void(const DocumentMentions&)>& sink) {
    QueryContext context = archive_query_context(db, options.exact, options.limits);
    std::vector<TermMatcher> terms = term_matchers(options, context);
    std::size_t total = 0;
    Xapian::Database reader = db;  // reopened, should an indexer commit meanwhile
    for (Xapian::docid id : in_date_order(db, documents_query(terms, options, context))) {
        auto record = read_record(reader, id);
        if (!record) continue;
        DocumentMentions found = mentions_in(*record, terms);
        if (found.hits.empty()) continue;
        total += found.hits.size();
        sink(found);
    }
    return total;
}

}  // namespace minutes
