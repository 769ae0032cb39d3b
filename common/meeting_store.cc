#include "meeting_store.hh"

#include "database.hh"

#include <algorithm>
#include <map>
#include <set>

#include "database.hh"
#include "document.hh"
#include "query_parser.hh"
#include "schema.hh"
#include "text.hh"

namespace minutes {
namespace {

using Copies = std::map<std::string, std::vector<StoredDocument>>;  // meeting id -> copies

void add_copy(Copies& copies, StoredDocument doc) {
    std::string key = doc.meeting.id.empty() ? "file:" + doc.file : doc.meeting.id;
    copies[key].push_back(std::move(doc));
}

// The stored record (without text) of each document a query matches, grouped by meeting.
void add_copies(const Xapian::Database& db, const Xapian::Query& query, Copies& copies) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it)
        add_copy(copies, decode_record(it.get_document().get_value(slot(Slot::record))));
}

bool date_order(const MeetingRecord& a, const MeetingRecord& b) {
    if (a.meeting.date.has_value() != b.meeting.date.has_value()) return a.meeting.date.has_value();
    if (a.meeting.date != b.meeting.date) return a.meeting.date < b.meeting.date;
    return a.files < b.files;
}

// The meetings, each merged over its copies; from the point of view of a copy in `seen_from`
// when it has one (the file a user named).
std::vector<MeetingRecord> merged(const Copies& copies,
                                  const std::set<std::string>& seen_from = {}) {
    std::vector<MeetingRecord> records;
    for (const auto& [id, unordered] : copies) {
        // In path order, so that the merge does not depend on how the archive is sharded.
        std::vector<const StoredDocument*> docs;
        for (const auto& doc : unordered)
            docs.push_back(&doc);
        std::sort(docs.begin(), docs.end(), [](auto a, auto b) { return a->file < b->file; });
        MeetingRecord record;
        std::vector<Meeting> meetings;
        std::optional<std::size_t> primary;
        for (const StoredDocument* doc_ptr : docs) {
            const StoredDocument& doc = *doc_ptr;
            if (seen_from.count(doc.file)) primary = meetings.size();
            meetings.push_back(doc.meeting);
            record.files.push_back(doc.file);
        }
        record.meeting = merge_copies(meetings, primary);
        std::sort(record.files.begin(), record.files.end());
        records.push_back(std::move(record));
    }
    std::sort(records.begin(), records.end(), date_order);
    return records;
}

std::string meeting_term(const std::string& id) {
    return field_term(find_field("meeting")->prefix, id);
}

// The meetings of the documents `query` matches, each with all of its copies;
// `seen_from_matches`: each as the matching copy has it (a file the user named).
std::vector<MeetingRecord> meetings_matching(const Xapian::Database& db, const Xapian::Query& query,
                                             bool seen_from_matches = false) {
    Copies found, all;
    add_copies(db, query, found);
    std::set<std::string> files;
    for (const auto& [key, docs] : found)
        for (const auto& doc : docs)
            files.insert(doc.file);
    std::vector<Xapian::Query> ids;
    for (auto& [key, docs] : found) {
        if (docs.front().meeting.id.empty())
            all[key] = std::move(docs);
        else
            ids.emplace_back(meeting_term(key));
    }
    if (!ids.empty())
        add_copies(db, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()), all);
    return merged(all, seen_from_matches ? files : std::set<std::string>{});
}

bool looks_like_date(std::string_view ref) {
    if (ref.size() != 10 || ref[4] != '-' || ref[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (ref[i] < '0' || ref[i] > '9') return false;
    return true;
}

Xapian::Query file_query(std::string_view ref) {
    std::string_view prefix = find_field("file")->prefix;
    std::string path(ref);
    while (path.size() > 2 && path.compare(0, 2, "./") == 0)
        path.erase(0, 2);
    std::vector<Xapian::Query> terms{Xapian::Query(field_term(prefix, ref)),
                                     Xapian::Query(field_term(prefix, path))};
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The role in which one of `spellings` attended `m`; empty when none did.
MeetingAttended role_in(const Meeting& m, const std::vector<std::string>& spellings) {
    for (const auto& name : spellings) {
        for (const auto& group : m.groups)
            if (contains(group.members, name)) return {{}, group.name, ""};
        for (const auto& p : m.partial)
            if (p.name == name) return {{}, "partial", p.note};
    }
    for (const auto& name : spellings)
        if (m.secretary == name && !contains(m.absent, name)) return {{}, "secretary", ""};
    return {};
}

Xapian::Query person_query(const std::vector<std::string>& spellings) {
    std::vector<Xapian::Query> terms;
    for (const auto& name : spellings)
        terms.emplace_back(std::string(name_prefix) + name);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

std::vector<MeetingRecord> list_meetings(const Xapian::Database& db, const DateRange& range) {
    // The records are read without opening each document.
    Copies copies;
    for_each_value(db, slot(Slot::record),
                   [&](const std::string& record) { add_copy(copies, decode_record(record)); });
    std::vector<MeetingRecord> all = merged(copies);
    std::erase_if(all, [&](const MeetingRecord& r) {
        if (!range.from && !range.to) return false;
        const auto& date = r.meeting.date;
        return !date || (range.from && *date < *range.from) || (range.to && *date > *range.to);
    });
    return all;
}

std::vector<MeetingRecord> find_meetings(const Xapian::Database& db, std::string_view ref) {
    if (looks_like_date(ref)) {
        auto date = MeetingDate::from_iso(ref);
        if (!date) throw QueryError("'" + std::string(ref) + "' is not a real date");
        return list_meetings(db, DateRange{date, date});
    }
    if (ref.size() > 2 && ref.compare(0, 2, "m-") == 0) {
        auto found = meetings_matching(db, Xapian::Query(meeting_term(std::string(ref))));
        if (!found.empty()) return found;
    }
    return meetings_matching(db, file_query(ref), true);
}

PersonDirectory person_directory(const Xapian::Database& db) {
    PersonDirectory people;
    for (auto it = db.allterms_begin(std::string(name_prefix));
         it != db.allterms_end(std::string(name_prefix)); ++it)
        people.add(std::string_view(*it).substr(name_prefix.size()), it.get_termfreq());
    return people;
}

std::optional<PersonMeetings> meetings_attended(const Xapian::Database& db, std::string_view name) {
    PersonDirectory people = person_directory(db);
    const Person* person = people.find(name);
    if (!person) return std::nullopt;
    PersonMeetings result{*person, {}};
    std::vector<std::string> spellings = people.spellings_of(person->name);
    for (auto& record : meetings_matching(db, person_query(spellings))) {
        MeetingAttended attendance = role_in(record.meeting, spellings);
        if (attendance.role.empty()) continue;
        attendance.record = std::move(record);
        result.meetings.push_back(std::move(attendance));
    }
    return result;
}

std::vector<PersonSummary> list_people(const Xapian::Database& db) {
    PersonDirectory people = person_directory(db);
    std::map<std::string, PersonSummary> summaries;
    for (const Person& person : people.people())
        summaries[person.name].person = person;
    for (const auto& record : list_meetings(db)) {
        const Meeting& m = record.meeting;
        struct Roles {
            bool attended = false, absent = false, secretary = false, responsible = false;
        };
        std::map<std::string, Roles> roles;  // canonical name -> roles in this meeting
        auto mark = [&](const std::string& name, bool Roles::*role) {
            if (const Person* p = people.find(name)) roles[p->name].*role = true;
        };
        for (const auto& name : m.attended())
            mark(name, &Roles::attended);
        for (const auto& name : m.absent)
            mark(name, &Roles::absent);
        if (m.secretary) mark(*m.secretary, &Roles::secretary);
        for (const auto& r : m.responsibilities)
            for (const auto& name : r.people)
                mark(name, &Roles::responsible);
        for (const auto& [name, r] : roles) {
            PersonSummary& summary = summaries[name];
            ++summary.meetings;
            summary.attended += r.attended;
            summary.absent += r.absent;
            summary.secretary += r.secretary;
            summary.responsible += r.responsible;
        }
    }
    std::vector<PersonSummary> out;
    for (const Person& person : people.people())
        out.push_back(summaries[person.name]);
    return out;
}

}  // namespace minutes
