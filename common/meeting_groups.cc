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
    std::vector<std::string> bands = band_keys(*fingerprint);
    std::optional<std::size_t> first;
    for (const auto& band : bands)
        for (std::size_t j : by_band_[band])
            if ((!first || j < *first) && same_meeting(*fingerprint, grouped_[j].first)) first = j;
    std::string id = first ? grouped_[*first].second : own_id;
    for (const auto& band : bands)
        by_band_[band].push_back(grouped_.size());
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
