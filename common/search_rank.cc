#include "search_rank.hh"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <unordered_set>
#include <utility>

#include "schema.hh"
#include "search_cache.hh"
#include "search_matches.hh"

namespace minutes {
namespace {

// Numbers distinct strings from 0: a table of their hashes (open addressing, no allocation
// per string), with the strings kept to tell apart two that hash alike.
class Numbering {
  public:
    explicit Numbering(std::size_t expected) {
        std::size_t capacity = 16;
        while (capacity < 2 * expected)
            capacity *= 2;
        slots_.assign(capacity, {0, 0});
        mask_ = capacity - 1;
    }

    std::uint32_t number(std::string s) {
        std::uint64_t hash = std::hash<std::string>{}(s) | 1;  // 0 marks a free slot
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.hash == 0) {
                slot = {hash, static_cast<std::uint32_t>(names_.size())};
                names_.push_back(std::move(s));
                return slot.number;
            }
            if (slot.hash == hash && names_[slot.number] == s) return slot.number;
        }
    }

    std::uint32_t size() const { return static_cast<std::uint32_t>(names_.size()); }

  private:
    struct Slot {
        std::uint64_t hash;
        std::uint32_t number;
    };
    std::vector<Slot> slots_;
    std::size_t mask_;
    std::vector<std::string> names_;
};

// SharedMeetings from (document, meeting) pairs, the meetings renumbered from 0.
std::shared_ptr<const SharedMeetings> shared_meetings(
    std::vector<std::pair<Xapian::docid, std::uint32_t>> docs) {
    auto out = std::make_shared<SharedMeetings>();
    std::sort(docs.begin(), docs.end());
    std::unordered_map<std::uint32_t, std::uint32_t> renumbered;
    for (auto [d, n] : docs) {
        auto [it, fresh] = renumbered.try_emplace(n, out->meetings);
        out->meetings += fresh;
        out->meeting_of.emplace(d, it->second);
        out->in_order.emplace_back(d, it->second);
    }
    return out;
}

// Meeting ids to numbers, with the documents that share theirs with another document.
class MeetingNumbers {
  public:
    explicit MeetingNumbers(std::size_t expected) : numbers_(expected) {}

    void add(Xapian::docid d, std::string id) {
        std::uint32_t n = numbers_.number(std::move(id));
        if (n == sizes_.size()) sizes_.push_back(0);
        ++sizes_[n];
        docs_.emplace_back(d, n);
    }

    std::uint32_t meetings() const { return numbers_.size(); }

    std::shared_ptr<const SharedMeetings> shared() const {
        std::vector<std::pair<Xapian::docid, std::uint32_t>> docs;
        for (const auto& [d, n] : docs_)
            if (sizes_[n] > 1) docs.emplace_back(d, n);
        return shared_meetings(std::move(docs));
    }

  private:
    Numbering numbers_;
    std::vector<std::uint32_t> sizes_;
    std::vector<std::pair<Xapian::docid, std::uint32_t>> docs_;
};

// The documents of `db` that share their meeting id with another: copies are few, and
// knowing them counts the meetings of any set of documents.
std::shared_ptr<const SharedMeetings> read_shared_meetings(const Xapian::Database& db) {
    MeetingNumbers numbers(db.get_doccount());
    Xapian::valueno meeting = slot(Slot::meeting);
    for (auto it = db.valuestream_begin(meeting); it != db.valuestream_end(meeting); ++it)
        numbers.add(it.get_docid(), *it);
    return numbers.shared();
}

// Kept in the database's metadata by the indexer, stamped with the revision of the commit
// that wrote it: a process that searches once reads a few kilobytes instead of every
// meeting id (25 ms at 100,000 documents). Any other revision (a commit in the middle of an
// update, a compacted copy) reads the ids.
constexpr std::string_view shared_meetings_key = "minutes:shared-meetings";

std::shared_ptr<const SharedMeetings> stored_shared_meetings(const Xapian::Database& db) {
    if (db.size() != 1) return nullptr;  // the metadata would be the first shard's
    std::string blob = db.get_metadata(std::string(shared_meetings_key));
    std::size_t newline = blob.find('\n');
    if (newline == std::string::npos ||
        blob.compare(0, newline, std::to_string(db.get_revision())) != 0 ||
        (blob.size() - newline - 1) % 8 != 0)
        return nullptr;
    std::vector<std::pair<Xapian::docid, std::uint32_t>> docs;
    auto u32 = [&](std::size_t at) {
        std::uint32_t v;
        std::memcpy(&v, blob.data() + at, 4);
        return v;
    };
    for (std::size_t at = newline + 1; at < blob.size(); at += 8)
        docs.emplace_back(u32(at), u32(at + 4));
    return shared_meetings(std::move(docs));
}

// Few matches: their own meeting ids, skipping to each in the value stream.
MatchedMeetings meetings_of_few(const Xapian::Database& db, const Matches& matches) {
    MeetingNumbers numbers(matches.count());
    Xapian::valueno meeting = slot(Slot::meeting);
    auto it = db.valuestream_begin(meeting), end = db.valuestream_end(meeting);
    Xapian::doccount without = 0;  // each a meeting of its own
    matches.for_each([&](Xapian::docid d) {
        if (it != end) it.skip_to(d);
        if (it != end && it.get_docid() == d) {
            numbers.add(d, *it);
        } else {
            ++without;
        }
    });
    return {numbers.meetings() + without, numbers.shared()};
}

using Ranked = std::vector<std::pair<double, Xapian::docid>>;

// The weight of the best document of the `wanted`th meeting among docs[0, top), which are
// in order; nullopt when they hold fewer meetings.
std::optional<double> weight_of_nth(const Ranked& docs, std::size_t top,
                                    const MatchedMeetings* meetings, std::size_t wanted) {
    if (!meetings)
        return top >= wanted ? std::optional<double>(docs[wanted - 1].first) : std::nullopt;
    std::unordered_set<std::uint64_t> seen;
    for (std::size_t i = 0; i < top; ++i)
        if (seen.insert(meetings->meeting_of(docs[i].second)).second && seen.size() == wanted)
            return docs[i].first;
    return std::nullopt;
}

// The `keep` matches first in path order (Slot::file; none sorts first), from the value
// stream: a heap of the least paths seen.
std::vector<Xapian::docid> first_paths(const Xapian::Database& db, const Matches& matches,
                                       std::size_t keep) {
    std::vector<std::pair<std::string, Xapian::docid>> heap;  // the greatest path on top
    auto consider = [&](Xapian::docid d, std::string path) {
        std::pair<std::string, Xapian::docid> item(std::move(path), d);
        if (heap.size() == keep && !(item < heap.front())) return;
        if (heap.size() == keep) {
            std::pop_heap(heap.begin(), heap.end());
            heap.pop_back();
        }
        heap.push_back(std::move(item));
        std::push_heap(heap.begin(), heap.end());
    };
    Xapian::valueno file = slot(Slot::file);
    auto it = db.valuestream_begin(file), end = db.valuestream_end(file);
    if (matches.count() < db.get_doccount() / 16) {  // few matches: skip to each
        matches.for_each([&](Xapian::docid d) {
            if (it != end) it.skip_to(d);
            consider(d, it != end && it.get_docid() == d ? *it : std::string());
        });
    } else {
        Xapian::docid next = 0;
        auto upto = [&](Xapian::docid d) {  // matches without a path, before d
            for (; next < d; ++next)
                if (matches.matches(next)) consider(next, {});
        };
        for (; it != end; ++it) {  // the bitmap covers every docid of `db`
            Xapian::docid d = it.get_docid();
            upto(d);
            if (matches.matches(d)) consider(d, *it);
            next = d + 1;
        }
        upto(matches.bits.size() * 64);
    }
    std::sort_heap(heap.begin(), heap.end());
    std::vector<Xapian::docid> out;
    for (const auto& item : heap)
        out.push_back(item.second);
    return out;
}

// Every document's place in path order, by docid (none: no path).
using PathRanks = std::vector<std::uint32_t>;
constexpr std::uint32_t no_path = std::numeric_limits<std::uint32_t>::max();

std::shared_ptr<const PathRanks> read_path_ranks(const Xapian::Database& db) {
    std::vector<std::pair<std::string, Xapian::docid>> paths;
    paths.reserve(db.get_doccount());
    Xapian::valueno file = slot(Slot::file);
    for (auto it = db.valuestream_begin(file); it != db.valuestream_end(file); ++it)
        paths.emplace_back(*it, it.get_docid());
    std::sort(paths.begin(), paths.end());
    auto ranks = std::make_shared<PathRanks>(db.get_lastdocid() + 1, no_path);
    for (std::size_t i = 0; i < paths.size(); ++i)
        (*ranks)[paths[i].second] = static_cast<std::uint32_t>(i);
    return ranks;
}

// first_paths from the places of the paths; nullopt when a match has no path.
std::optional<std::vector<Xapian::docid>> first_ranked(const PathRanks& ranks,
                                                       const Matches& matches, std::size_t keep) {
    std::vector<std::pair<std::uint32_t, Xapian::docid>> docs;
    bool complete = true;
    matches.for_each([&](Xapian::docid d) {
        std::uint32_t rank = d < ranks.size() ? ranks[d] : no_path;
        complete = complete && rank != no_path;
        docs.emplace_back(rank, d);
    });
    if (!complete) return std::nullopt;
    keep = std::min(keep, docs.size());
    std::partial_sort(docs.begin(), docs.begin() + keep, docs.end());
    std::vector<Xapian::docid> out;
    for (std::size_t i = 0; i < keep; ++i)
        out.push_back(docs[i].second);
    return out;
}

// The `keep` matches first in path order: from the places of the paths, read once the
// process has asked twice for this state of the database, else from the value stream.
std::vector<Xapian::docid> first_in_path_order(const Xapian::Database& db, const Matches& matches,
                                               std::size_t keep) {
    static PerSnapshot<PathRanks> cache;
    auto snapshot = stable_snapshot(db);
    auto ranks = snapshot ? cache.get(
                                *snapshot, [&] { return read_path_ranks(db); }, 2)
                          : nullptr;
    if (ranks)
        if (auto first = first_ranked(*ranks, matches, keep)) return *first;
    return first_paths(db, matches, keep);
}

}  // namespace

MatchedMeetings matched_meetings(const Xapian::Database& db, const Matches& matches) {
    Xapian::doccount n = matches.count();
    auto snapshot = stable_snapshot(db);
    if (n < db.get_doccount() / 16 || !snapshot) return meetings_of_few(db, matches);
    static PerSnapshot<SharedMeetings> cache;
    MatchedMeetings out{n, cache.get(*snapshot, [&] {
                            auto stored = stored_shared_meetings(db);
                            return stored ? stored : read_shared_meetings(db);
                        })};
    // A meeting with k matching copies is k matches but one meeting.
    std::vector<bool> seen(out.shared->meetings);
    for (const auto& [d, meeting] : out.shared->in_order) {
        if (d >= matches.bits.size() * 64) break;
        if (!matches.matches(d)) continue;
        if (seen[meeting]) --out.count;
        seen[meeting] = true;
    }
    return out;
}

std::optional<std::vector<Xapian::docid>> contenders(const Matches& matches,
                                                     const MatchedMeetings* meetings,
                                                     std::size_t wanted, std::size_t most) {
    if (matches.weights.empty()) return std::nullopt;
    std::vector<Xapian::docid> out;
    if (wanted == 0) return out;
    Ranked docs;
    docs.reserve(matches.count());
    matches.for_each([&](Xapian::docid d) { docs.emplace_back(matches.weights[d], d); });
    auto better = [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    std::optional<double> nth;
    for (std::size_t top = std::min(docs.size(), wanted + 16);;
         top = std::min(docs.size(), 4 * top)) {
        std::partial_sort(docs.begin(), docs.begin() + top, docs.end(), better);
        nth = weight_of_nth(docs, top, meetings, wanted);
        if (nth || top == docs.size()) break;
    }
    // Weights here and Xapian's differ by at most `error` each way.
    double floor = nth ? *nth - 2 * matches.error : -std::numeric_limits<double>::infinity();
    for (const auto& [weight, d] : docs)
        if (weight >= floor) out.push_back(d);
    if (out.size() > most) return std::nullopt;
    return out;
}

std::optional<std::vector<Xapian::docid>> first_by_path(const Xapian::Database& db,
                                                        const Matches& matches,
                                                        const MatchedMeetings* meetings,
                                                        std::size_t wanted, std::size_t most) {
    std::vector<Xapian::docid> out;
    if (wanted == 0) return out;
    for (std::size_t keep = wanted + 16;; keep *= 4) {
        std::vector<Xapian::docid> first = first_in_path_order(db, matches, keep);
        std::unordered_set<std::uint64_t> seen;
        for (Xapian::docid d : first) {
            out.push_back(d);
            std::uint64_t meeting = meetings ? meetings->meeting_of(d) : d;
            if (seen.insert(meeting).second && seen.size() == wanted) return out;
        }
        // Fewer than `wanted` meetings: every match is a contender.
        if (first.size() < keep) return out.size() <= most ? std::optional(out) : std::nullopt;
        if (keep > most) return std::nullopt;
        out.clear();
    }
}

void store_shared_meetings(Xapian::WritableDatabase& db) {
    db.commit();  // the documents' revision, then the next one with this
    std::string blob = std::to_string(db.get_revision() + 1) + "\n";
    auto shared = read_shared_meetings(db);
    for (const auto& [d, n] : shared->in_order)
        for (std::uint32_t v : {static_cast<std::uint32_t>(d), n})
            blob.append(reinterpret_cast<const char*>(&v), 4);
    db.set_metadata(std::string(shared_meetings_key), blob);
    db.commit();
}

}  // namespace minutes
