#include "shard_links.hh"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>

#include <xapian.h>

#include "database.hh"
#include "document.hh"
#include "index_writer.hh"
#include "meeting_groups.hh"
#include "near_duplicates.hh"
#include "schema.hh"

namespace minutes {
namespace {

// What linking sets of a document's meeting.
struct MeetingLink {
    std::string id;
    std::optional<MeetingDate> date;
    std::string date_source;
    bool operator==(const MeetingLink&) const = default;
};

// A document of some shard, as linking needs it (lean: a build from scratch links every
// document it wrote).
struct Entry {
    std::size_t shard;
    Xapian::docid id;  // in its shard
    std::string file;
    std::optional<Fingerprint> fingerprint;
    MeetingLink stored;                   // as the shard has it
    std::optional<MeetingDate> own_date;  // found in its own text
    std::string meeting;                  // the linked meeting id
};

std::vector<Entry> read_entries(const std::vector<Xapian::Database>& shards) {
    std::vector<Entry> entries;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        const Xapian::Database& db = shards[s];
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            StoredDocument record = decode_record(doc.get_value(slot(Slot::record)));
            Entry e{s,
                    *it,
                    record.file,
                    decode_fingerprint(doc.get_value(slot(Slot::fingerprint))),
                    {record.meeting.id, record.meeting.date, record.meeting.date_source},
                    std::nullopt,
                    record.meeting.id};
            if (record.meeting.date_source != "duplicate") e.own_date = record.meeting.date;
            entries.push_back(std::move(e));
        }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.file < b.file; });
    return entries;
}

// As if the files were indexed into one database in path order (meeting_groups.cc): each
// document takes the meeting of its first copy by path, through the shared LSH bands.
void assign_meetings(std::vector<Entry>& entries) {
    MeetingGrouping grouping;
    for (Entry& e : entries)
        e.meeting = grouping.group(e.fingerprint ? &*e.fingerprint : nullptr, e.meeting);
}

// The date of a meeting's copies: each its own, else that of the first dated copy by path.
std::map<std::string, MeetingDate> first_dates(const std::vector<Entry>& entries) {
    std::map<std::string, MeetingDate> dates;
    for (const auto& e : entries)
        if (e.own_date && !e.meeting.empty()) dates.emplace(e.meeting, *e.own_date);
    return dates;
}

MeetingLink linked_meeting(const Entry& e, const std::map<std::string, MeetingDate>& dates) {
    MeetingLink m{e.meeting, e.own_date, e.own_date ? e.stored.date_source : ""};
    if (auto shared = dates.find(e.meeting); !e.own_date && shared != dates.end()) {
        m.date = shared->second;
        m.date_source = "duplicate";
    }
    return m;
}

Xapian::WritableDatabase open_shard_for_writing(const ShardSpec& spec, const LinkOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_directory(spec.path, ec))
        throw IndexError(options.stub + ": shard " + spec.path +
                         " is not a database (index it first)");
    IndexOptions writing;
    writing.db_path = spec.path;
    writing.wait = options.wait;
    writing.on_wait = options.on_wait;
    return open_writable(writing, false);
}

void relink(Xapian::WritableDatabase& db, const std::vector<const Entry*>& docs,
            const std::map<std::string, MeetingDate>& dates) {
    for (const Entry* e : docs) {
        Xapian::Document doc = db.get_document(e->id);
        MeetingLink m = linked_meeting(*e, dates);
        set_meeting(doc, m.id, m.date, m.date_source);
        db.replace_document(e->id, doc);
    }
    db.commit();
}

// The shards of the stub: the local ones opened for writing first, so that no indexer
// changes them between reading and relinking; the remote ones read-only.
std::vector<Xapian::Database> open_shards(
    const std::vector<ShardSpec>& specs, const LinkOptions& options,
    std::map<std::size_t, Xapian::WritableDatabase>& writable) {
    std::vector<Xapian::Database> shards;
    for (std::size_t s = 0; s < specs.size(); ++s) {
        if (specs[s].kind == ShardSpec::Kind::local) {
            writable.emplace(s, open_shard_for_writing(specs[s], options));
            shards.push_back(writable.at(s));
        } else {
            try {
                shards.push_back(open_shard(specs[s]));
            } catch (const Xapian::Error& e) {
                throw IndexError(options.stub + ": " + e.get_msg());
            }
        }
    }
    return shards;
}

std::vector<ShardSpec> shard_specs(const LinkOptions& options) {
    std::vector<ShardSpec> specs;
    for (const auto& path : options.shards)
        specs.push_back({ShardSpec::Kind::local, path, {}, 0, {}, {}});
    if (!options.stub.empty()) try {
            specs = read_stub(options.stub);
        } catch (const Xapian::Error& e) {
            throw IndexError(e.get_msg());
        }
    return specs;
}

}  // namespace

LinkSummary link_shards(const LinkOptions& options) {
    auto started = std::chrono::steady_clock::now();
    std::vector<ShardSpec> specs = shard_specs(options);
    std::map<std::size_t, Xapian::WritableDatabase> writable;
    std::vector<Xapian::Database> shards = open_shards(specs, options, writable);
    LinkSummary summary;
    summary.shards = shards.size();
    std::vector<Entry> entries = read_entries(shards);
    summary.documents = entries.size();
    assign_meetings(entries);
    auto dates = first_dates(entries);

    std::map<std::size_t, std::vector<const Entry*>> changed;  // by shard
    for (const auto& e : entries) {
        if (linked_meeting(e, dates) != e.stored) changed[e.shard].push_back(&e);
    }
    for (const auto& [shard, docs] : changed) {
        if (!writable.count(shard)) {
            summary.not_writable.push_back(specs[shard].describe());
            continue;
        }
        try {
            relink(writable.at(shard), docs, dates);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot relink shard " + specs[shard].path + ": " + e.get_msg());
        }
        summary.relinked += docs.size();
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace minutes
