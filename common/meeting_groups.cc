#include "meeting_groups.hh"

#include "schema.hh"

namespace minutes {

std::string group_meeting(const Xapian::Database& db, const Fingerprint& fingerprint,
                          const std::string& file, const std::string& own_id) {
    std::vector<Xapian::Query> bands;
    for (const auto& key : band_keys(fingerprint))
        bands.emplace_back(std::string(band_prefix) + key);
    if (bands.empty()) return own_id;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet candidates = enquire.get_mset(0, db.get_doccount());
    std::string first_file, id = own_id;
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
        Xapian::Document doc = it.get_document();
        std::string other = doc.get_value(slot(Slot::file));
        if (other == file || (!first_file.empty() && other >= first_file)) continue;
        auto stored = decode_fingerprint(doc.get_value(slot(Slot::fingerprint)));
        if (!stored || !same_meeting(fingerprint, *stored)) continue;
        first_file = other;
        id = doc.get_value(slot(Slot::meeting));
    }
    return id;
}

void share_dates(Xapian::WritableDatabase& db, StoredDocument& doc) {
    std::string term = field_term(find_field("meeting")->prefix, doc.meeting.id);
    std::vector<Xapian::docid> copies(db.postlist_begin(term), db.postlist_end(term));
    for (Xapian::docid id : copies) {
        Xapian::Document copy = db.get_document(id);
        StoredDocument other = decode_record(copy.get_value(slot(Slot::record)));
        if (other.file == doc.file) continue;
        if (!doc.meeting.date && other.meeting.date) {
            doc.meeting.date = other.meeting.date;
            doc.meeting.date_source = "duplicate";
        } else if (doc.meeting.date && !other.meeting.date) {
            set_meeting(copy, other.meeting.id, doc.meeting.date, "duplicate");
            db.replace_document(id, copy);
        }
    }
}

std::string MeetingGrouping::group(const Fingerprint* fingerprint, const std::string& own_id) {
    if (!fingerprint) return own_id;
    std::vector<std::uint64_t> bands;
    for (const auto& key : band_keys(*fingerprint))
        bands.push_back(std::hash<std::string>{}(key));
    std::uint32_t first = none;
    for (std::uint64_t band : bands) {
        auto last = last_with_band_.find(band);
        for (std::uint32_t e = last == last_with_band_.end() ? none : last->second; e != none;
             e = previous_entry_[e]) {
            std::uint32_t j = entry_document_[e];
            if (j < first && same_meeting(*fingerprint, grouped_[j].first)) first = j;
        }
    }
    std::string id = first == none ? own_id : grouped_[first].second;
    auto document = static_cast<std::uint32_t>(grouped_.size());
    for (std::uint64_t band : bands) {
        auto [last, added] = last_with_band_.try_emplace(band, none);
        previous_entry_.push_back(last->second);
        entry_document_.push_back(document);
        last->second = static_cast<std::uint32_t>(entry_document_.size() - 1);
    }
    grouped_.emplace_back(*fingerprint, id);
    return id;
}

void MeetingGrouping::share_date(Meeting& meeting) {
    if (meeting.id.empty()) return;
    if (meeting.date)
        first_date_.emplace(meeting.id, *meeting.date);
    else if (auto shared = first_date_.find(meeting.id); shared != first_date_.end()) {
        meeting.date = shared->second;
        meeting.date_source = "duplicate";
    }
}

void add_fingerprint(Xapian::Document& doc, const Fingerprint& fingerprint) {
    for (const auto& key : band_keys(fingerprint))
        doc.add_boolean_term(std::string(band_prefix) + key);
    doc.add_value(slot(Slot::fingerprint), encode_fingerprint(fingerprint));
}

}  // namespace minutes
