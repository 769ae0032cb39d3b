// One indexed file: the record stored in the Xapian document's data, and the mapping
// StoredDocument -> Xapian::Document (terms and values, as schema.hh defines them).
#pragma once

#include <functional>
#include <string>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "body.hh"
#include "meeting.hh"
#include "terms.hh"

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

// Every word of a body as the index holds it (terms.hh: for_each_word), with the segment it
// is in: the running text from position 1, then the page furniture furniture_position_gap
// positions after it.
void for_each_body_word(const Body& body,
                        const std::function<void(const IndexedWord&, const Segment&)>& sink);

// The two halves of make_document: the body's terms (the costly part, which needs nothing
// but the text), and the terms, values and data of the file and its meeting.
// Or from prepare_body(doc.text) and ocr_damage(doc.text), when the caller has them already.
Xapian::Document body_document(const StoredDocument& doc);
// `also` sees every word too.
Xapian::Document body_document(
    const Body& body, double ocr_damage,
    const std::function<void(const IndexedWord&, const Segment&)>& also = {});

// What indexing reads off the whole text, in one tokenizing pass.
struct TextFacts {
    std::string meeting_id;  // meeting_id.hh
    double ocr_damage = 0;   // ocr_damage.hh
};
TextFacts text_facts(std::string_view text);
void add_record(Xapian::Document& xdoc, const StoredDocument& doc, const std::string& file_state);

// Builds the Xapian document: body words with positions, stems, field terms, values, data.
Xapian::Document make_document(const StoredDocument& doc, const std::string& file_state);

// The document of a file that moved to `file`, its text unchanged: only the terms and
// values naming the file change (no analysis).
void rename_document(Xapian::Document& xdoc, const std::string& file,
                     const std::string& file_state);

// Puts the document under another meeting id and date (those of other copies of it).
void set_meeting(Xapian::Document& xdoc, const std::string& id,
                 const std::optional<MeetingDate>& date, const std::string& date_source);

// The term that identifies the document of `file` ("Q" + path; long paths are hashed).
std::string unique_term(std::string_view file);

// The term for a value of an exact field (participant, absent, responsible, file, meeting).
std::string field_term(std::string_view prefix, std::string_view value);

}  // namespace minutes
