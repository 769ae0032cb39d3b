// One indexed file: the record stored in the Xapian document's data, and the mapping
// StoredDocument -> Xapian::Document (terms and values, as schema.hh defines them).
#pragma once

#include <string>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "meeting.hh"

namespace minutes {

struct StoredDocument {
    std::string file;      // the path as given to the indexer
    std::string encoding;  // what the file was decoded from
    Meeting meeting;
    std::string text;  // the decoded text; line N is line N of the file
};

nlohmann::json meeting_to_json(const Meeting& meeting);
Meeting meeting_from_json(const nlohmann::json& json);

std::string encode_record(const StoredDocument& doc);
StoredDocument decode_record(const std::string& data);

// Builds the Xapian document: body words with positions, stems, field terms, values, data.
Xapian::Document make_document(const StoredDocument& doc, const std::string& file_state);

// The term that identifies the document of `file` ("Q" + path; long paths are hashed).
std::string unique_term(std::string_view file);

// The term for a value of an exact field (participant, absent, responsible, file, meeting).
std::string field_term(std::string_view prefix, std::string_view value);

}  // namespace minutes
