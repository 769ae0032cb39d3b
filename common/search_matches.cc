#include "search_matches.hh"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <thread>
#include <unordered_map>

#include "database.hh"
#include "parallel.hh"
#include "search_cache.hh"

namespace minutes {
namespace {

using Query = Xapian::Query;
using Bits = std::vector<std::uint64_t>;
using DocLengths = std::vector<Xapian::termcount>;  // by docid

// What a part of the query matches, and the weights it gives. Weights are meaningful only
// where a bit is set, and empty when the part gives none.
struct Part {
    Bits bits;
    std::vector<double> weights;
};

Xapian::doccount count(const Bits& bits) {
    Xapian::doccount n = 0;
    for (auto w : bits)
        n += static_cast<Xapian::doccount>(__builtin_popcountll(w));
    return n;
}

void intersect(Bits& bits, const Bits& with) {
    for (std::size_t w = 0; w < bits.size(); ++w)
        bits[w] &= with[w];
}

void subtract(Bits& bits, const Bits& without) {
    for (std::size_t w = 0; w < bits.size(); ++w)
        bits[w] &= ~without[w];
}

// The documents a part of the query is evaluated for (the others may be left out): all, or
// those of a bitmap.
struct Within {
    Within() = default;
    explicit Within(const Bits& b) : bits(&b), count(minutes::count(b)) {}
    const Bits* bits = nullptr;
    Xapian::doccount count = 0;
};

// The first document at or after `d` in `bits`, or 0 when there is none.
Xapian::docid first_at_or_after(const Bits& bits, Xapian::docid d) {
    std::size_t w = d >> 6;
    if (w >= bits.size()) return 0;
    std::uint64_t b = bits[w] & (~std::uint64_t(0) << (d & 63));
    while (!b) {
        if (++w == bits.size()) return 0;
        b = bits[w];
    }
    return static_cast<Xapian::docid>(w * 64 + __builtin_ctzll(b));
}

// Xapian::BM25Weight() with its default parameters (k1 1, k2 0, k3 1, b 0.5, min_normlen
// 0.5), term by term as Xapian 1.4's bm25weight.cc computes it, so that each term's part
// of a weight is the same double.
class Bm25 {
  public:
    explicit Bm25(const Xapian::Database& db) : documents_(db.get_doccount()) {
        double average = documents_ ? double(db.get_total_length()) / documents_ : 0;
        len_factor_ = average != 0 ? 1 / average : 0;
    }

    double termweight(Xapian::doccount termfreq, double factor) const {
        double tw = (documents_ - termfreq + 0.5) / (termfreq + 0.5);
        if (tw < 2) tw = tw * 0.5 + 1;
        double w = std::log(tw) * factor;
        w *= (k3 + 1) * 1.0 / (k3 + 1.0);  // a query term's wqf is 1
        return w * (k1 + 1);
    }

    double sumpart(double termweight, Xapian::termcount wdf, Xapian::termcount length) const {
        double normlen = std::max(length * len_factor_, min_normlen);
        double wdf_double = wdf;
        double denom = k1 * (normlen * b + (1 - b)) + wdf_double;
        return termweight * (wdf_double / denom);
    }

  private:
    static constexpr double k1 = 1, k3 = 1, b = 0.5, min_normlen = 0.5;
    Xapian::doccount documents_;
    double len_factor_;
};

// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 shows only in its description,
// "Query(0.5 * term)", written with enough digits to read back the same double.
std::optional<double> scale_factor(const Query& q) {
    std::string d = q.get_description();
    const std::string start = "Query(";
    if (d.compare(0, start.size(), start) != 0) return std::nullopt;
    const char* begin = d.c_str() + start.size();
    char* end = nullptr;
    double f = std::strtod(begin, &end);
    if (end == begin || std::string_view(end).substr(0, 3) != " * ") return std::nullopt;
    return f;
}

// The term of a LEAF_TERM query whose wqf is 1 (the description shows any other).
std::optional<std::string> leaf_term(const Query& q) {
    std::string term = *q.get_terms_begin();
    std::string d = q.get_description();
    if (d != "Query(" + term + ")" && d.compare(0, 7 + term.size(), "Query(" + term + "@") != 0)
        return std::nullopt;
    return term;
}

// Collects the documents a query matches, for parts whose matching this does not model.
// In a search of several shards, a match spy sees each shard's own document ids.
class DocidSpy : public Xapian::MatchSpy {
  public:
    DocidSpy(Part& part, double factor) : part_(part), factor_(factor) {}
    void operator()(const Xapian::Document& doc, double weight) override {
        add(doc.get_docid(), weight);
    }
    void add(Xapian::docid d, double weight) {
        part_.bits[d >> 6] |= std::uint64_t(1) << (d & 63);
        if (factor_ != 0) part_.weights[d] = weight * factor_;
    }

  private:
    Part& part_;
    double factor_;
};

// The documents one evaluator looks at, first to last: a thread's share of the database.
struct DocRange {
    Xapian::docid first = 1;
    Xapian::docid last = std::numeric_limits<Xapian::docid>::max();
    bool whole() const { return first == 1 && last == std::numeric_limits<Xapian::docid>::max(); }
};

// The documents of a DocRange, for Xapian's matcher: filtering a phrase by it makes Xapian
// read positions only there (it checks positions after the conjunction of all filters).
class RangeSource : public Xapian::PostingSource {
  public:
    RangeSource(DocRange range) : range_(range) {}
    void init(const Xapian::Database& db) override {
        last_ = std::min<Xapian::docid>(range_.last, db.get_lastdocid());
        at_ = range_.first - 1;  // before the first
        size_ = last_ >= range_.first ? last_ - range_.first + 1 : 0;
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return size_; }
    Xapian::doccount get_termfreq_max() const override { return size_; }
    void next(double) override { ++at_; }
    void skip_to(Xapian::docid d, double) override { at_ = std::max({at_, d, range_.first}); }
    bool at_end() const override { return at_ > last_; }
    Xapian::docid get_docid() const override { return at_; }
    RangeSource* clone() const override { return new RangeSource(range_); }

  private:
    DocRange range_;
    Xapian::docid at_ = 0, last_ = 0;
    Xapian::doccount size_ = 0;
};

// The documents of a bitmap, for Xapian's matcher, which then reads a phrase's positions only
// there. Only for one database: the shards of several number their documents each their own.
class BitsSource : public Xapian::PostingSource {
  public:
    explicit BitsSource(std::shared_ptr<const Bits> bits)
        : bits_(std::move(bits)), count_(count(*bits_)) {}
    void init(const Xapian::Database&) override { started_ = false, at_ = 0; }
    Xapian::doccount get_termfreq_min() const override { return count_; }
    Xapian::doccount get_termfreq_est() const override { return count_; }
    Xapian::doccount get_termfreq_max() const override { return count_; }
    void next(double) override { move_to(started_ ? at_ + 1 : 1); }
    void skip_to(Xapian::docid d, double) override {
        if (!started_ || (at_ != 0 && at_ < d)) move_to(d);
    }
    bool at_end() const override { return started_ && at_ == 0; }
    Xapian::docid get_docid() const override { return at_; }
    BitsSource* clone() const override { return new BitsSource(bits_); }

  private:
    void move_to(Xapian::docid d) {
        started_ = true;
        at_ = first_at_or_after(*bits_, d);
    }
    std::shared_ptr<const Bits> bits_;
    Xapian::doccount count_;
    bool started_ = false;
    Xapian::docid at_ = 0;  // 0: past the last
};

// Calls f(posting) for each posting of `term` (the document lengths: "") in `range`.
template <typename F>
void for_each_posting(const Xapian::Database& db, const std::string& term, DocRange range, F&& f) {
    auto p = db.postlist_begin(term), end = db.postlist_end(term);
    if (range.first > 1) p.skip_to(range.first);
    for (; p != end && *p <= range.last; ++p)
        f(p);
}

// The lengths of the documents of `range`, by docid.
DocLengths read_lengths(const Xapian::Database& db, DocRange range) {
    DocLengths lengths(db.get_lastdocid() + 1);
    for_each_posting(db, "", range,
                     [&](const Xapian::PostingIterator& p) { lengths[*p] = p.get_doclength(); });
    return lengths;
}

class Evaluator {
  public:
    // `lengths`, when given, holds every document's length (by docid).
    Evaluator(const Xapian::Database& db, DocRange range = {}, const DocLengths* lengths = nullptr)
        : db_(db),
          range_(range),
          words_((db.get_lastdocid() + 64) / 64),
          bm25_(db),
          lengths_(lengths) {}

    void plan(const Query& q) {
        // Reading every document's length costs about as much as looking up the lengths of
        // a third as many postings one by one.
        load_lengths_ = !lengths_ && postings(q) > db_.get_doccount() / 3;
    }

    // `out` (empty) gets the matches of `q` within `within` weighed with `factor` (0:
    // unweighted). False when `q` has a part this does not model.
    bool eval(const Query& q, double factor, Part& out, const Within& within = {}) {
        out.bits.assign(words_, 0);
        if (!eval_into(q, factor, out, within)) return false;
        if (within.bits) intersect(out.bits, *within.bits);
        return true;
    }

  private:
    bool eval_into(const Query& q, double factor, Part& out, const Within& within) {
        switch (q.get_type()) {
            case Query::LEAF_TERM:
            case Query::OP_OR:
            case Query::OP_SCALE_WEIGHT:
                return add(q, factor, out, within);
            case Query::LEAF_MATCH_NOTHING:
                return true;
            case Query::OP_AND:
            case Query::OP_FILTER:
                return eval_and(q, factor, out, within);
            case Query::OP_AND_NOT:
                return eval_and_not(q, factor, out, within);
            case Query::OP_AND_MAYBE:
                return eval_and_maybe(q, factor, out, within);
            case Query::OP_PHRASE:
                if (auto words = phrase_words(q))
                    return eval_phrase(q, *words, {}, factor, out, within);
                return eval_positional(q, factor, out);
            case Query::OP_NEAR:
                return eval_positional(q, factor, out);
            case Query::OP_VALUE_RANGE:
            case Query::OP_VALUE_GE:
            case Query::OP_VALUE_LE:
                spy(q, out);  // values give no weight
                return true;
            default:
                if (factor != 0) return false;  // MatchAll, OP_SYNONYM, ... weigh otherwise
                spy(q, out);
                return true;
        }
    }

    // Adds the matches of `q` within `within` to those of `acc` (OR: weights summed).
    bool add(const Query& q, double factor, Part& acc, const Within& within) {
        switch (q.get_type()) {
            case Query::LEAF_TERM: {
                auto term = leaf_term(q);
                if (!term) return false;
                add_term(*term, factor, acc, within);
                return true;
            }
            case Query::OP_OR:
                for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                    if (!add(q.get_subquery(i), factor, acc, within)) return false;
                return true;
            case Query::OP_SCALE_WEIGHT: {
                auto f = scale_factor(q);
                return f && add(q.get_subquery(0), factor * *f, acc, within);
            }
            default: {
                Part part;
                if (!eval(q, factor, part, within)) return false;
                merge(part, acc);
                return true;
            }
        }
    }

    void add_term(const std::string& term, double factor, Part& acc, const Within& within) {
        Xapian::doccount termfreq = this->termfreq(term);
        if (termfreq == 0) return;
        double tw = 0;
        if (factor != 0) {
            if (acc.weights.empty()) acc.weights.assign(words_ * 64, 0.0);
            if (load_lengths_ && !lengths_) load_lengths();
            tw = bm25_.termweight(termfreq, factor);
        }
        auto take = [&](const Xapian::PostingIterator& p) {
            Xapian::docid d = *p;
            set(acc.bits, d);
            if (factor == 0) return;
            Xapian::termcount length = lengths_ ? (*lengths_)[d] : p.get_doclength();
            acc.weights[d] += bm25_.sumpart(tw, p.get_wdf(), length);
        };
        if (within.bits && within.count < termfreq / 4) {
            // Few documents to look at: skip to each (Xapian skips inside a chunk of the
            // postlist far faster than it steps through it). They are all in range.
            auto p = db_.postlist_begin(term), end = db_.postlist_end(term);
            for (Xapian::docid d = first_at_or_after(*within.bits, 0); d != 0;) {
                p.skip_to(d);
                if (p == end) break;
                if (*p == d) take(p);
                d = first_at_or_after(*within.bits, *p == d ? d + 1 : *p);
            }
        } else if (within.bits) {
            in_range(term, [&](const Xapian::PostingIterator& p) {
                if (matches(*within.bits, *p)) take(p);
            });
        } else {
            in_range(term, take);
        }
    }

    // Calls f(posting) for each posting of `term` in the range.
    template <typename F>
    void in_range(const std::string& term, F&& f) {
        for_each_posting(db_, term, range_, f);
    }

    // A conjunction (OP_FILTER: weighed by its first subquery only), the subqueries with the
    // fewest postings first, each of the others looked at only where all before matched.
    bool eval_and(const Query& q, double factor, Part& out, const Within& within) {
        bool filter = q.get_type() == Query::OP_FILTER;
        std::vector<std::pair<Xapian::doccount, std::size_t>> order;
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
            order.emplace_back(postings(q.get_subquery(i)), i);
        std::sort(order.begin(), order.end());
        std::vector<Query> done;  // the subqueries evaluated, cheapest first
        for (const auto& [cost, i] : order) {
            double f = filter && i > 0 ? 0 : factor;
            Query sub = q.get_subquery(i);
            if (done.empty()) {
                if (!eval_into(sub, f, out, within)) return false;
            } else {
                Part part;
                if (!eval_within(sub, f, part, out.bits, cheap_part(done, cost))) return false;
                intersect(out.bits, part.bits);
                add_weights(part, out);
            }
            done.push_back(sub);
        }
        return true;
    }

    // The subqueries of `done` (cheapest first) with far fewer postings than `cost`: a
    // filter Xapian can apply cheaply before it reads positions.
    std::vector<Query> cheap_part(const std::vector<Query>& done, Xapian::doccount cost) {
        std::vector<Query> cheap;
        for (const Query& d : done)
            if (postings(d) < cost / 4) cheap.push_back(d);
        return cheap;
    }

    // eval() within the documents `bits` holds, which `filter` (when not empty) matches: a
    // phrase is looked for only there.
    bool eval_within(const Query& q, double factor, Part& out, const Bits& bits,
                     const std::vector<Query>& filter) {
        Query::op type = q.get_type();
        if (filter.empty() || (type != Query::OP_PHRASE && type != Query::OP_NEAR))
            return eval(q, factor, out, Within(bits));
        out.bits.assign(words_, 0);
        Query filtered(Query::OP_FILTER, q, Query(Query::OP_AND, filter.begin(), filter.end()));
        return eval_positional(filtered, factor, out);
    }

    // The first subquery, weighed, without the documents the others match.
    bool eval_and_not(const Query& q, double factor, Part& out, const Within& within) {
        std::vector<Query> others;
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
            others.push_back(q.get_subquery(i));
        if (auto words = phrase_words(q.get_subquery(0)))
            return eval_phrase(q.get_subquery(0), *words, others, factor, out, within);
        if (!eval_into(q.get_subquery(0), factor, out, within)) return false;
        return subtract_matches(others, out.bits);
    }

    // Takes from `bits` the documents any of `others` matches.
    bool subtract_matches(const std::vector<Query>& others, Bits& bits) {
        for (const Query& other : others) {
            Part part;
            if (!eval(other, 0, part, Within(bits))) return false;
            subtract(bits, part.bits);
        }
        return true;
    }

    // The words of a phrase (phrase_query: in a row), and the term of them hyphenated whole
    // ("vp-uppdragen"); nullopt when Xapian must check it all (several shards number their
    // documents each their own, so a bitmap cannot filter them).
    struct PhraseWords {
        std::vector<Query> words;
        std::string whole;
    };
    std::optional<PhraseWords> phrase_words(const Query& phrase) {
        if (phrase.get_type() != Query::OP_PHRASE || db_.size() != 1) return std::nullopt;
        PhraseWords out;
        for (std::size_t i = 0; i < phrase.get_num_subqueries(); ++i) {
            auto term = leaf_term(phrase.get_subquery(i));
            if (!term) return std::nullopt;
            if (i) out.whole += '-';
            out.whole += *term;
            out.words.emplace_back(*term);
        }
        return out;
    }

    // A phrase, without the documents `others` match. Xapian reads the positions of every
    // document holding all the words before it applies AND_NOT, so the candidates are found
    // here and Xapian gets them as a filter. Where the words are also indexed whole as one
    // hyphenated word (for_each_word) they are known to be in a row, and just weigh: most of
    // a hyphenated query word's phrase.
    bool eval_phrase(const Query& phrase, const PhraseWords& p, const std::vector<Query>& others,
                     double factor, Part& out, const Within& within) {
        bool known_whole = termfreq(p.whole) > 0;
        if (!known_whole && others.empty())  // Xapian alone reads the words' postings once
            return eval_positional(phrase, factor, out);
        Query all(Query::OP_AND, p.words.begin(), p.words.end());
        Part candidates;
        if (!eval(all, 0, candidates, within) || !subtract_matches(others, candidates.bits))
            return false;
        out.bits.assign(words_, 0);
        if (known_whole) {
            if (!eval(Query(Query::OP_FILTER, all, Query(p.whole)), factor, out,
                      Within(candidates.bits)))
                return false;
            subtract(candidates.bits, out.bits);
        }
        BitsSource source(std::make_shared<const Bits>(std::move(candidates.bits)));
        Part rest;
        rest.bits.assign(words_, 0);
        eval_positional(Query(Query::OP_FILTER, phrase, Query(&source)), factor, rest);
        merge(rest, out);
        return true;
    }

    bool eval_and_maybe(const Query& q, double factor, Part& out, const Within& within) {
        if (!eval_into(q.get_subquery(0), factor, out, within)) return false;
        for (std::size_t i = 1; i < q.get_num_subqueries(); ++i) {
            Part part;
            if (!eval(q.get_subquery(i), factor, part, Within(out.bits))) return false;
            add_weights(part, out);
        }
        return true;
    }

    // Adds the weights of `part` where `out` matches (`part` matches there or gives 0).
    void add_weights(const Part& part, Part& out) {
        if (part.weights.empty()) return;
        if (out.weights.empty()) out.weights.assign(words_ * 64, 0.0);
        for_each(out.bits, [&](Xapian::docid d) {
            if (matches(part.bits, d)) out.weights[d] += part.weights[d];
        });
    }

    // How many postings the terms of `q` have: what evaluating it costs, about.
    Xapian::doccount postings(const Query& q) {
        Xapian::doccount n = 0;
        for (auto it = q.get_unique_terms_begin(); it != q.get_unique_terms_end(); ++it)
            n += termfreq(*it);
        return n;
    }

    // A phrase matches where Xapian says (positions); Xapian weighs it too, as the sum of
    // what its terms weigh, while matching: reading the terms again would cost more.
    bool eval_positional(const Query& q, double factor, Part& out) {
        if (factor != 0) out.weights.assign(words_ * 64, 0.0);
        spy(q, out, factor);
        return true;
    }

    // The documents Xapian matches for `q`, with their weights times `factor` unless that
    // is 0: from a match spy, which costs less than a page of every match but sees the
    // document ids of a shard, so from the page for several shards.
    void spy(const Query& q, Part& out, double factor = 0) {
        Xapian::Enquire enquire(db_);
        RangeSource range(range_);
        enquire.set_query(range_.whole() ? q : Query(Query::OP_FILTER, q, Query(&range)));
        if (factor == 0) enquire.set_weighting_scheme(Xapian::BoolWeight());
        DocidSpy spy(out, factor);
        if (db_.size() == 1) {
            enquire.add_matchspy(&spy);
            enquire.get_mset(0, 0, db_.get_doccount());
            return;
        }
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet all = enquire.get_mset(0, db_.get_doccount(), db_.get_doccount());
        for (auto it = all.begin(); it != all.end(); ++it)
            spy.add(*it, it.get_weight());
    }

    void merge(const Part& part, Part& acc) {
        for (std::size_t w = 0; w < words_; ++w)
            acc.bits[w] |= part.bits[w];
        if (part.weights.empty()) return;
        if (acc.weights.empty()) acc.weights.assign(words_ * 64, 0.0);
        for_each(part.bits, [&](Xapian::docid d) { acc.weights[d] += part.weights[d]; });
    }

    Xapian::doccount termfreq(const std::string& term) {
        auto [it, fresh] = termfreqs_.try_emplace(term, 0);
        if (fresh) it->second = db_.get_termfreq(term);
        return it->second;
    }

    void load_lengths() {
        read_lengths_ = read_lengths(db_, range_);
        lengths_ = &read_lengths_;
    }

    static void set(Bits& bits, Xapian::docid d) { bits[d >> 6] |= std::uint64_t(1) << (d & 63); }
    static bool matches(const Bits& bits, Xapian::docid d) {
        return (bits[d >> 6] >> (d & 63)) & 1;
    }
    template <typename F>
    static void for_each(const Bits& bits, F&& f) {
        for (std::size_t w = 0; w < bits.size(); ++w)
            for (std::uint64_t b = bits[w]; b; b &= b - 1)
                f(static_cast<Xapian::docid>(w * 64 + __builtin_ctzll(b)));
    }

    const Xapian::Database& db_;
    DocRange range_;
    std::size_t words_;
    Bm25 bm25_;
    bool load_lengths_ = false;
    const DocLengths*
        lengths_;  // given, or read_lengths_ once loaded; else asked posting by posting
    DocLengths read_lengths_;
    std::unordered_map<std::string, Xapian::doccount> termfreqs_;
};

}  // namespace

Xapian::doccount Matches::count() const {
    return minutes::count(bits);
}

namespace {

// The matches of `query` among the documents of `range`, or nullopt as for match_all.
std::optional<Part> evaluate(const Xapian::Database& db, const Xapian::Query& query, DocRange range,
                             const DocLengths* lengths) {
    Evaluator evaluator(db, range, lengths);
    evaluator.plan(query);
    Part part;
    if (!evaluator.eval(query, 1.0, part)) return std::nullopt;
    return part;
}

// `parts` ranges of documents of equal size.
std::vector<DocRange> split(Xapian::docid last, std::size_t parts) {
    Xapian::docid size = static_cast<Xapian::docid>(last / parts + 1);
    std::vector<DocRange> ranges(parts);
    for (std::size_t i = 1; i < parts; ++i) {
        ranges[i - 1].last = static_cast<Xapian::docid>(i * size - 1);
        ranges[i].first = static_cast<Xapian::docid>(i * size);
    }
    return ranges;
}

// Each range evaluated on a thread of its own, with its own handle and its own copy of the
// query: Xapian's objects (a Query's reference counts too) must not be shared by threads.
std::vector<std::optional<Part>> evaluate_ranges(const Xapian::Database& db,
                                                 const Xapian::Query& query,
                                                 std::span<Xapian::Database> helpers,
                                                 const DocLengths* lengths) {
    std::vector<DocRange> ranges = split(db.get_lastdocid(), helpers.size() + 1);
    std::vector<std::optional<Part>> parts(ranges.size());
    std::string serialised = query.serialise();
    run_in_parallel(ranges.size(), [&](std::size_t i) {
        parts[i] = i == 0 ? evaluate(db, query, ranges[0], lengths)
                          : evaluate(helpers[i - 1], Xapian::Query::unserialise(serialised),
                                     ranges[i], lengths);
    });
    return parts;
}

// The parts of disjoint ranges as one: each document's weight comes whole from its range.
std::optional<Part> join(std::vector<std::optional<Part>> parts) {
    for (const auto& part : parts)
        if (!part) return std::nullopt;
    Part& all = *parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const Part& part = *parts[i];
        for (std::size_t w = 0; w < all.bits.size(); ++w)
            all.bits[w] |= part.bits[w];
        if (part.weights.empty()) continue;
        if (all.weights.empty()) all.weights.assign(part.weights.size(), 0.0);
        for (std::size_t w = 0; w < part.bits.size(); ++w)
            for (std::uint64_t b = part.bits[w]; b; b &= b - 1) {
                std::size_t d = w * 64 + __builtin_ctzll(b);
                all.weights[d] = part.weights[d];
            }
    }
    return std::move(parts[0]);
}

// Every document's length, kept for the process's next searches of many postings while the
// database stays at the same revision (reading them takes 3 ms at 100,000 documents). The
// first such search reads only the lengths it needs, as a process searching once should.
std::shared_ptr<const DocLengths> known_lengths(const Xapian::Database& db,
                                                Xapian::doccount postings) {
    auto snapshot = stable_snapshot(db);
    if (!snapshot || postings <= db.get_doccount() / 3) return nullptr;
    static PerSnapshot<DocLengths> cache;
    return cache.get(
        *snapshot, [&] { return std::make_shared<const DocLengths>(read_lengths(db, {})); }, 2);
}

}  // namespace

std::optional<Matches> match_all(const Xapian::Database& db, const Xapian::Query& query,
                                 std::span<Xapian::Database> helpers,
                                 Xapian::doccount parallel_from) {
    if (!local_snapshot(db)) return std::nullopt;
    Xapian::doccount postings = estimated_postings(db, query);
    std::shared_ptr<const DocLengths> lengths = known_lengths(db, postings);
    std::optional<Part> part;
    if (helpers.empty() || db.size() != 1 || postings < parallel_from)
        part = evaluate(db, query, {}, lengths.get());
    else
        part = join(evaluate_ranges(db, query, helpers, lengths.get()));
    if (!part) return std::nullopt;
    Matches m{std::move(part->bits), std::move(part->weights), 0};
    double most = 0;
    if (!m.weights.empty())
        m.for_each([&](Xapian::docid d) { most = std::max(most, m.weights[d]); });
    // Each term's part is the same double as Xapian's; only the order of the additions
    // differs, which moves a sum by a few units in the last place.
    m.error = 1e-9 * (1 + most);
    return m;
}

Xapian::doccount estimated_postings(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::doccount n = 0;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
        n += db.get_termfreq(*it);
    return n;
}

std::optional<std::string> local_snapshot(const Xapian::Database& db) {
    // get_revision() throws for anything but one local glass or chert database: a remote
    // shard, or a combination that shards_of() does not know.
    auto name = [](const Xapian::Database& d) -> std::optional<std::string> {
        if (d.size() != 1) return std::nullopt;
        try {
            return d.get_uuid() + "@" + std::to_string(d.get_revision()) + " ";
        } catch (const Xapian::Error&) {
            return std::nullopt;
        }
    };
    if (db.size() == 1) return name(db);
    std::vector<Xapian::Database> shards = shards_of(db);
    if (shards.size() != db.size()) return std::nullopt;
    std::string out;
    for (const auto& shard : shards) {
        auto part = name(shard);
        if (!part) return std::nullopt;
        out += *part;
    }
    return out;
}

std::optional<std::string> stable_snapshot(const Xapian::Database& db) {
    auto snapshot = local_snapshot(db);
    if (!snapshot || db.locked()) return std::nullopt;
    return snapshot;
}

}  // namespace minutes
