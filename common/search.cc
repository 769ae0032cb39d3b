#include "search.hh"

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <thread>

#include "body.hh"
#include "database.hh"
#include "date_range.hh"
#include "document.hh"
#include "meeting_store.hh"
#include "parallel.hh"
#include "schema.hh"
#include "search_cache.hh"
#include "search_matches.hh"
#include "search_rank.hh"
#include "snippet.hh"
#include "text.hh"
#include "vocabulary.hh"

namespace minutes {
namespace {

Xapian::Query with_date_limits(Xapian::Query query, const SearchOptions& options) {
    if (!options.from && !options.to) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         date_range_query(DateRange{options.from, options.to}));
}

std::string title_of(const StoredDocument& doc) {
    if (!doc.meeting.title.empty()) return doc.meeting.title;
    auto slash = doc.file.find_last_of('/');
    return slash == std::string::npos ? doc.file : doc.file.substr(slash + 1);
}

// A copy of a meeting: one file of it.
struct Copy {
    Xapian::docid id;
    std::string file;
    std::string damage;  // Slot::ocr_damage, fixed width: compares as a number
    std::string record;  // Slot::record: the copy's metadata
};

// Every file of the meeting (the hit's own included), least OCR damage first, then by path.
std::vector<Copy> copies_of(const Xapian::Database& db, const std::string& meeting,
                            Xapian::docid hit, const std::string& file) {
    std::vector<Copy> copies;
    std::string term = field_term(find_field("meeting")->prefix, meeting);
    if (!meeting.empty())
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            Xapian::Document doc = db.get_document(*it);
            copies.push_back({*it, doc.get_value(slot(Slot::file)),
                              doc.get_value(slot(Slot::ocr_damage)),
                              doc.get_value(slot(Slot::record))});
        }
    if (copies.empty()) {  // a document without a meeting id is a meeting of its own
        Xapian::Document doc = db.get_document(hit);
        copies.push_back({hit, file, "", doc.get_value(slot(Slot::record))});
    }
    std::sort(copies.begin(), copies.end(), [](const Copy& a, const Copy& b) {
        return std::tie(a.damage, a.file) < std::tie(b.damage, b.file);
    });
    return copies;
}

// The query with each word that the archive does not hold replaced by its nearest word.
std::string suggest(const Xapian::Database& db, const std::string& query) {
    std::string out;
    bool changed = false;
    std::size_t pos = 0;
    tokenize(query, [&](const Token& t) {
        out.append(query, pos, t.offset - pos);
        pos = t.offset + t.text.size();
        std::string better = (t.numeric || db.term_exists(t.term)) ? "" : suggest_word(db, t.term);
        changed = changed || !better.empty();
        out += better.empty() ? std::string(t.text) : better;
    });
    out.append(query, pos, std::string::npos);
    return changed ? out : "";
}

// How many documents of the archive hold a term: from the match, which counted over every
// shard, or, for a single database, from the database itself (what another thread can ask).
using TermFrequency = std::function<Xapian::doccount(const std::string&)>;

std::string snippet_of(const Xapian::Database& db, const TermFrequency& frequency_of,
                       const Xapian::Query& query, const std::string& text,
                       const SearchOptions& options) {
    double documents = std::max(1.0, static_cast<double>(db.get_doccount()));
    auto weight = [&](const std::string& term) {
        double frequency = frequency_of(term);
        return std::max(0.1, std::log((documents - frequency + 0.5) / (frequency + 0.5)));
    };
    return one_line(make_snippet(prepare_body(text).running.text, query, weight,
                                 {options.snippet_bytes, highlight_start, highlight_end, "…"}));
}

// What a hit is made from: its place in the match.
struct Ranked {
    Xapian::docid id;
    unsigned rank;
    double score;
};

// A hit shows its meeting through the copy least damaged by OCR, with what the copies
// say merged (a date only another copy has, for instance).
SearchHit make_hit(const Xapian::Database& db, const Xapian::Query& query,
                   const TermFrequency& frequency_of, const Ranked& ranked,
                   const SearchOptions& options) {
    Xapian::Document doc = db.get_document(ranked.id);
    SearchHit hit;
    hit.rank = ranked.rank;
    hit.score = ranked.score;
    // The stored text is decoded once, of the copy shown (values say which).
    Xapian::docid shown_id = ranked.id;
    Meeting meeting;
    if (!options.all_duplicates) {
        std::vector<Copy> copies = copies_of(db, doc.get_value(slot(Slot::meeting)), ranked.id,
                                             doc.get_value(slot(Slot::file)));
        shown_id = copies.front().id;
        std::vector<Meeting> meetings;
        for (const auto& copy : copies) {
            if (copy.id != copies.front().id) hit.duplicates.push_back(copy.file);
            meetings.push_back(decode_record(copy.record).meeting);
        }
        std::sort(hit.duplicates.begin(), hit.duplicates.end());
        meeting = merge_copies(meetings);
    }
    StoredDocument shown = decode_record(
        shown_id == ranked.id ? doc.get_data() : db.get_document(shown_id).get_data());
    if (options.all_duplicates) meeting = shown.meeting;
    hit.meeting = meeting.id;
    hit.date = meeting.date;
    hit.title = title_of(shown);
    hit.file = shown.file;
    hit.snippet = snippet_of(db, frequency_of, query, shown.text, options);
    return hit;
}

// The hits of the page. With helper handles (a single database), the later hits are made on
// other threads, each with its own handle and its own copy of the query.
std::vector<SearchHit> make_hits(const Xapian::Database& db, const Xapian::Query& query,
                                 const Xapian::MSet& mset, const SearchOptions& options,
                                 std::span<Xapian::Database> helpers) {
    std::vector<Ranked> page;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        page.push_back({*it, it.get_rank() + 1, it.get_weight()});
    std::vector<SearchHit> hits(page.size());
    std::size_t threads = page.size() < 4 ? 1 : std::min(page.size(), helpers.size() + 1);
    auto make_share = [&](std::size_t t, const Xapian::Database& handle, const Xapian::Query& q,
                          const TermFrequency& frequency_of) {
        for (std::size_t i = t; i < page.size(); i += threads)
            hits[i] = make_hit(handle, q, frequency_of, page[i], options);
    };
    std::string serialised = threads > 1 ? query.serialise() : "";
    run_in_parallel(threads, [&](std::size_t t) {
        if (t == 0)
            return make_share(0, db, query,
                              [&](const std::string& term) { return mset.get_termfreq(term); });
        const Xapian::Database& handle = helpers[t - 1];
        make_share(t, handle, Xapian::Query::unserialise(serialised),
                   [&](const std::string& term) { return handle.get_termfreq(term); });
    });
    return hits;
}

Xapian::Enquire ranking(const Xapian::Database& db, const Xapian::Query& query,
                        const SearchOptions& options) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (!options.all_duplicates) enquire.set_collapse_key(slot(Slot::meeting));
    // Equal scores (a query of fields only scores 0) in path order, not in document-id
    // order, which depends on how the archive is sharded.
    enquire.set_sort_by_relevance_then_value(slot(Slot::file), false);
    return enquire;
}

// Xapian alone. Looking at every candidate makes `total` exact, as the contract says: with
// collapsing, the lower bound is then the number of distinct meetings (tested against a
// count of the meeting ids of every match in tests/e2e/test_generated.cc).
Xapian::MSet match_exhaustively(const Xapian::Database& db, const Xapian::Query& query,
                                const SearchOptions& options, SearchResults& results) {
    Xapian::MSet mset =
        ranking(db, query, options).get_mset(options.offset, options.limit, db.get_doccount());
    results.total = mset.get_matches_lower_bound();
    results.total_is_estimate = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
    if (!options.all_duplicates) results.total_is_estimate = false;
    return mset;
}

// The page of hits as Xapian ranks the contenders only (picked out by their unique terms):
// the page of ranking every match, since no other match can reach it. Nullopt when the
// page or Xapian's weights differ from what the contenders were chosen by.
std::optional<Xapian::MSet> rank_contenders(const Xapian::Database& db, const Xapian::Query& query,
                                            const SearchOptions& options, const Matches& matches,
                                            const std::vector<Xapian::docid>& docs,
                                            Xapian::doccount expected) {
    std::vector<Xapian::Query> ids;
    for (Xapian::docid d : docs) {
        std::string file = db.get_document(d).get_value(slot(Slot::file));
        if (file.empty()) return std::nullopt;
        ids.emplace_back(unique_term(file));
    }
    Xapian::Query only(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
    Xapian::MSet mset = ranking(db, only, options).get_mset(options.offset, options.limit);
    if (mset.size() != expected) return std::nullopt;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        double weight = matches.weights.empty() ? 0 : matches.weights[*it];
        if (std::abs(it.get_weight() - weight) > matches.error) return std::nullopt;
    }
    return mset;
}

// The page of hits, and the exact total. Every match is read from the postlists once
// (search_matches.hh), which counts them far faster than Xapian's matcher visiting each
// through the whole query; Xapian then ranks the few that can make the page.
Xapian::MSet match(const Xapian::Database& db, const Xapian::Query& query,
                   const SearchOptions& options, SearchResults& results,
                   std::span<Xapian::Database> helpers) {
    std::optional<Matches> matches = match_all(db, query, helpers, options.parallel_postings);
    if (!matches) return match_exhaustively(db, query, options, results);
    std::optional<MatchedMeetings> meetings;
    if (options.all_duplicates) {
        results.total = matches->count();
    } else {
        meetings = matched_meetings(db, *matches);
        results.total = meetings->count;
    }
    results.total_is_estimate = false;
    std::size_t wanted = std::size_t(options.offset) + options.limit;
    std::size_t most = 64 + 4 * wanted;
    Xapian::doccount expected = results.total > options.offset
                                    ? std::min(options.limit, results.total - options.offset)
                                    : 0;
    const MatchedMeetings* folded = meetings ? &*meetings : nullptr;
    auto docs = matches->weights.empty() ? first_by_path(db, *matches, folded, wanted, most)
                                         : contenders(*matches, folded, wanted, most);
    if (docs)
        if (auto mset = rank_contenders(db, query, options, *matches, *docs, expected))
            return *mset;
    // Xapian ranks every match, stopping when no other can make the page.
    return ranking(db, query, options).get_mset(options.offset, options.limit);
}

// The threads a search uses beside its own: `threads` - 1, or one per other core (at most 3).
std::size_t helper_threads(unsigned threads) {
    return query_threads(threads) - 1;
}

std::shared_ptr<const PersonDirectory> people_of(const Xapian::Database& db) {
    static PerSnapshot<PersonDirectory> cache;
    auto read = [&] { return std::make_shared<const PersonDirectory>(person_directory(db)); };
    auto snapshot = stable_snapshot(db);
    return snapshot ? cache.get(*snapshot, read) : read();
}

}  // namespace

QueryContext archive_query_context(const Xapian::Database& db, bool literal,
                                   const QueryLimits& limits) {
    QueryContext context;
    context.limits = limits;
    context.literal = literal;
    context.expansion.db = &db;
    context.expansion.analyzer = default_analyzer();
    // The archive's people are read only when a query names one, and kept for the next
    // searches of a local database at the same revision.
    auto people = std::make_shared<std::shared_ptr<const PersonDirectory>>();
    context.spellings = [&db, people](std::string_view name) {
        if (!*people) *people = people_of(db);
        return (*people)->spellings_of(name);
    };
    return context;
}

SearchResults search(const Xapian::Database& db, const SearchOptions& options) {
    Xapian::Query query = with_date_limits(
        parse_query(options.query, archive_query_context(db, options.exact, options.limits)),
        options);
    SearchResults results;
    results.query = options.query;
    bool big = estimated_postings(db, query) >= options.parallel_postings;
    ExtraHandles extra(db, helper_threads(options.threads), big);
    Xapian::MSet mset = match(db, query, options, results, extra.handles());
    results.hits = make_hits(db, query, mset, options, extra.handles());
    if (results.total == 0) results.suggestion = suggest(db, options.query);
    return results;
}

}  // namespace minutes
