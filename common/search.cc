#include "search.hh"

#include "body.hh"
#include "date_range.hh"
#include "document.hh"
#include "meeting_store.hh"
#include "schema.hh"
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

// The other files of the same meeting, in path order.
std::vector<std::string> copies_of(const Xapian::Database& db, const std::string& meeting,
                                   const std::string& file) {
    std::vector<std::string> files;
    if (meeting.empty()) return files;
    std::string term = field_term(find_field("meeting")->prefix, meeting);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        std::string other = db.get_document(*it).get_value(slot(Slot::file));
        if (other != file) files.push_back(other);
    }
    std::sort(files.begin(), files.end());
    return files;
}

// MSet::snippet escapes text for HTML; our outputs escape for their own formats.
std::string unescape_html(std::string_view s) {
    static constexpr std::pair<std::string_view, char> entities[] = {
        {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool replaced = false;
        if (s[i] == '&')
            for (const auto& [entity, c] : entities)
                if (s.compare(i, entity.size(), entity) == 0) {
                    out += c;
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
        if (!replaced) out += s[i];
    }
    return out;
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

}  // namespace

QueryContext archive_query_context(const Xapian::Database& db, bool literal,
                                   const QueryLimits& limits) {
    QueryContext context;
    context.limits = limits;
    context.literal = literal;
    context.expansion.db = &db;
    context.expansion.analyzer = default_analyzer();
    // The archive's people are read only when a query names one.
    auto people = std::make_shared<std::optional<PersonDirectory>>();
    context.spellings = [&db, people](std::string_view name) {
        if (!*people) *people = person_directory(db);
        return (*people)->spellings_of(name);
    };
    return context;
}

SearchResults search(const Xapian::Database& db, const SearchOptions& options) {
    Xapian::Query query = with_date_limits(
        parse_query(options.query, archive_query_context(db, options.exact, options.limits)),
        options);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (!options.all_duplicates) enquire.set_collapse_key(slot(Slot::meeting));
    // Asking Xapian to look at every candidate makes `total` exact, as the contract says.
    // Collapsed counts are estimates in Xapian; counting the distinct meetings among all
    // matches (every match is looked at, see check_at_least below) makes them exact.
    Xapian::ValueCountMatchSpy meetings(slot(Slot::meeting));
    if (!options.all_duplicates) enquire.add_matchspy(&meetings);
    Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, db.get_doccount());

    SearchResults results;
    results.query = options.query;
    results.total = mset.get_matches_estimated();
    results.total_is_estimate = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
    if (!options.all_duplicates) {
        results.total = static_cast<Xapian::doccount>(
            std::distance(meetings.values_begin(), meetings.values_end()));
        results.total_is_estimate = false;
    }
    Xapian::Stem stemmer("swedish");
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        StoredDocument doc = decode_record(it.get_document().get_data());
        SearchHit hit;
        hit.rank = it.get_rank() + 1;
        hit.score = it.get_weight();
        hit.meeting = doc.meeting.id;
        hit.date = doc.meeting.date;
        hit.title = title_of(doc);
        hit.file = doc.file;
        hit.snippet = one_line(unescape_html(
            mset.snippet(prepare_body(doc.text).running.text, options.snippet_bytes, stemmer,
                         Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                         std::string(highlight_start), std::string(highlight_end), "…")));
        if (!options.all_duplicates) hit.duplicates = copies_of(db, doc.meeting.id, doc.file);
        results.hits.push_back(std::move(hit));
    }
    if (results.total == 0) results.suggestion = suggest(db, options.query);
    return results;
}

}  // namespace minutes
