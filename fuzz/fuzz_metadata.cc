// Text -> Meeting: extract_meeting on any text the decoder lets through, then the record's
// round trips (meeting_to_json / meeting_from_json, and the CBOR record the index stores).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "document.hh"
#include "encoding.hh"
#include "fuzz_check.hh"
#include "meeting.hh"
#include "meeting_id.hh"
#include "meeting_parser.hh"

using namespace minutes;
using minutes::fuzz::show;

namespace {

void check_string(const std::string& s, const char* what) {
    FUZZ_CHECK(is_valid_utf8(s), std::string(what) + " is not UTF-8: " + show(s));
}

void check_date(const std::optional<MeetingDate>& d) {
    if (!d) return;
    FUZZ_CHECK(MeetingDate::valid(d->year, d->month, d->day), d->iso());
    FUZZ_CHECK(MeetingDate::from_iso(d->iso()) == d, d->iso());
}

void check_time(const std::optional<TimeSpan>& t, const char* what) {
    if (!t) return;
    check_string(t->start, what);
    check_string(t->end, what);
}

// Every string of a Meeting is UTF-8 (it goes into JSON output), every date is real.
void check_meeting(const Meeting& m) {
    check_date(m.date);
    check_time(m.time, "time");
    check_string(m.title, "title");
    for (const auto& g : m.groups) {
        check_string(g.name, "group name");
        for (const auto& member : g.members)
            check_string(member, "group member");
        check_time(g.time, "group time");
    }
    for (const auto& a : m.absent)
        check_string(a, "absent");
    for (const auto& p : m.partial) {
        check_string(p.name, "partial name");
        check_string(p.note, "partial note");
    }
    if (m.secretary) check_string(*m.secretary, "secretary");
    for (const auto& t : m.topics)
        check_string(t, "topic");
    for (const auto& r : m.responsibilities) {
        check_string(r.task, "responsibility task");
        for (const auto& p : r.people)
            check_string(p, "responsible");
    }
    for (const auto& d : m.decisions)
        check_string(d, "decision");
}

// The fields the record stores: all of them.
void check_same(const Meeting& a, const Meeting& b, const char* how) {
    std::string w = how;
    FUZZ_CHECK(a.id == b.id, w + ": id");
    FUZZ_CHECK(a.date == b.date, w + ": date");
    FUZZ_CHECK(a.date_source == b.date_source, w + ": date_source");
    FUZZ_CHECK(a.time == b.time, w + ": time");
    FUZZ_CHECK(a.title == b.title, w + ": title " + show(a.title) + " vs " + show(b.title));
    FUZZ_CHECK(a.groups == b.groups, w + ": groups");
    FUZZ_CHECK(a.absent == b.absent, w + ": absent");
    FUZZ_CHECK(a.partial == b.partial, w + ": partial");
    FUZZ_CHECK(a.secretary == b.secretary, w + ": secretary");
    FUZZ_CHECK(a.topics == b.topics, w + ": topics");
    FUZZ_CHECK(a.responsibilities == b.responsibilities, w + ": responsibilities");
    FUZZ_CHECK(a.decisions == b.decisions, w + ": decisions");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto decoded = decode_document(bytes);
    if (!std::holds_alternative<DecodedText>(decoded)) return 0;
    const DecodedText& d = std::get<DecodedText>(decoded);

    // As the indexer does it (index_writer.cc: analyse).
    Meeting m = extract_meeting(d.text);
    m.id = meeting_id(d.text);
    if (m.date) m.date_source = "text";
    FUZZ_CHECK(m.id.size() == 14 && m.id.starts_with("m-"), m.id);
    check_meeting(m);

    nlohmann::json j = meeting_to_json(m);
    check_same(m, meeting_from_json(j), "json");
    // The JSON the programs print parses back to the same record.
    std::string dumped = j.dump();
    check_same(m, meeting_from_json(nlohmann::json::parse(dumped)), "json text");

    StoredDocument doc{"fuzz/input.txt", d.encoding, m, d.text};
    StoredDocument back = decode_record(encode_record(doc));
    check_same(m, back.meeting, "cbor");
    FUZZ_CHECK(back.text == d.text && back.file == doc.file && back.encoding == doc.encoding,
               "cbor record");
    return 0;
}
