#include "document.hh"

#include <cstdio>
#include <set>

#include "body.hh"
#include "meeting_id.hh"
#include "ocr_damage.hh"
#include "schema.hh"
#include "terms.hh"
#include "text.hh"

namespace minutes {

using nlohmann::json;

namespace {

json optional_string(const std::optional<std::string>& s) {
    return s ? json(*s) : json(nullptr);
}

json time_to_json(const std::optional<TimeSpan>& t) {
    if (!t) return nullptr;
    return {{"start", t->start}, {"end", t->end}};
}

std::optional<TimeSpan> time_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    return TimeSpan{j.value("start", ""), j.value("end", "")};
}

std::vector<std::string> strings(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return {};
    return it->get<std::vector<std::string>>();
}

}  // namespace

json meeting_to_json(const Meeting& m) {
    json groups = json::array();
    for (const auto& g : m.groups)
        groups.push_back(
            {{"name", g.name}, {"members", g.members}, {"time", time_to_json(g.time)}});
    json partial = json::array();
    for (const auto& p : m.partial)
        partial.push_back({{"name", p.name}, {"note", p.note}});
    json responsibilities = json::array();
    for (const auto& r : m.responsibilities)
        responsibilities.push_back({{"task", r.task}, {"people", r.people}});
    return {{"id", m.id},
            {"date", m.date ? json(m.date->iso()) : json(nullptr)},
            {"date_source", m.date_source},
            {"time", time_to_json(m.time)},
            {"title", m.title},
            {"groups", groups},
            {"absent", m.absent},
            {"partial", partial},
            {"secretary", optional_string(m.secretary)},
            {"topics", m.topics},
            {"responsibilities", responsibilities},
            {"decisions", m.decisions}};
}

Meeting meeting_from_json(const json& j) {
    Meeting m;
    m.id = j.value("id", "");
    if (j.contains("date") && j["date"].is_string())
        m.date = MeetingDate::from_iso(j["date"].get<std::string>());
    m.date_source = j.value("date_source", "");
    m.time = time_from_json(j.value("time", json()));
    m.title = j.value("title", "");
    for (const auto& g : j.value("groups", json::array()))
        m.groups.push_back(
            {g.value("name", ""), strings(g, "members"), time_from_json(g.value("time", json()))});
    m.absent = strings(j, "absent");
    for (const auto& p : j.value("partial", json::array()))
        m.partial.push_back({p.value("name", ""), p.value("note", "")});
    if (j.contains("secretary") && j["secretary"].is_string())
        m.secretary = j["secretary"].get<std::string>();
    m.topics = strings(j, "topics");
    for (const auto& r : j.value("responsibilities", json::array()))
        m.responsibilities.push_back({r.value("task", ""), strings(r, "people")});
    m.decisions = strings(j, "decisions");
    return m;
}

std::string encode_record(const StoredDocument& doc) {
    json j{{"file", doc.file},
           {"encoding", doc.encoding},
           {"meeting", meeting_to_json(doc.meeting)},
           {"text", doc.text}};
    std::vector<std::uint8_t> bytes = json::to_cbor(j);
    return std::string(bytes.begin(), bytes.end());
}

StoredDocument decode_record(const std::string& data) {
    json j = json::from_cbor(data, true, false);
    if (j.is_discarded() || !j.is_object()) return {};
    return StoredDocument{j.value("file", ""), j.value("encoding", ""),
                          meeting_from_json(j.value("meeting", json::object())),
                          j.value("text", "")};
}

std::string field_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    term += fold_case(value);
    if (term.size() > max_term_bytes) term.resize(max_term_bytes);
    return term;
}

std::string unique_term(std::string_view file) {
    std::string term(unique_prefix);
    if (term.size() + file.size() <= max_term_bytes) return term + std::string(file);
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a: stable across runs and builds
    for (unsigned char c : file)
        hash = (hash ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return term + "#" + hex + std::string(file.substr(0, 64));
}

namespace {

// The file: field's terms of a path: the path as given, and its base name.
std::set<std::string> file_terms(const std::string& file) {
    std::string_view prefix = find_field("file")->prefix;
    std::set<std::string> terms{field_term(prefix, file)};
    auto slash = file.find_last_of('/');
    if (slash != std::string::npos) terms.insert(field_term(prefix, file.substr(slash + 1)));
    return terms;
}

// Every name the meeting records, in any role, as written.
std::vector<std::string> names_in(const Meeting& m) {
    std::vector<std::string> names = m.attended();
    names.insert(names.end(), m.absent.begin(), m.absent.end());
    if (m.secretary) names.push_back(*m.secretary);
    for (const auto& r : m.responsibilities)
        names.insert(names.end(), r.people.begin(), r.people.end());
    return names;
}

void add_field_terms(Xapian::Document& xdoc, const Meeting& m, const std::string& file) {
    auto add = [&](std::string_view field, std::string_view value) {
        xdoc.add_boolean_term(field_term(find_field(field)->prefix, value));
    };
    for (const auto& name : m.attended())
        add("participant", name);
    if (m.secretary) add("secretary", *m.secretary);
    for (const auto& name : m.absent)
        add("absent", name);
    for (const auto& r : m.responsibilities)
        for (const auto& name : r.people)
            add("responsible", name);
    for (const auto& name : names_in(m))
        if (name.size() + name_prefix.size() <= max_term_bytes)
            xdoc.add_boolean_term(std::string(name_prefix) + name);
    for (const auto& topic : m.topics)
        index_field_words(xdoc, find_field("topic")->prefix, topic);
    for (const auto& term : file_terms(file))
        xdoc.add_boolean_term(term);
    if (!m.id.empty()) add("meeting", m.id);
}

void set_file_values(Xapian::Document& xdoc, const StoredDocument& doc,
                     const std::string& file_state) {
    xdoc.add_value(slot(Slot::file), doc.file);
    xdoc.add_value(slot(Slot::file_state), file_state);
    xdoc.add_value(slot(Slot::record), encode_record({doc.file, doc.encoding, doc.meeting, ""}));
    xdoc.set_data(encode_record(doc));
}

}  // namespace

void for_each_body_word(const Body& body,
                        const std::function<void(const IndexedWord&, const Segment&)>& sink) {
    Xapian::termpos end =
        for_each_word(body.running.text, 1, [&](const IndexedWord& w) { sink(w, body.running); });
    // Furniture words stay findable, but far from the running text so no phrase spans both.
    for_each_word(body.furniture.text, end + furniture_position_gap,
                  [&](const IndexedWord& w) { sink(w, body.furniture); });
}

Xapian::Document body_document(const StoredDocument& doc) {
    return body_document(prepare_body(doc.text), ocr_damage(doc.text));
}

TextFacts text_facts(std::string_view text) {
    MeetingIdHash id;
    OcrDamage damage;
    tokenize(text, [&](const Token& token) {
        id.add(token);
        damage.add(token);
    });
    return {id.id(), damage.value()};
}

Xapian::Document body_document(
    const Body& body, double ocr_damage,
    const std::function<void(const IndexedWord&, const Segment&)>& also) {
    Xapian::Document xdoc;
    for_each_body_word(body, [&](const IndexedWord& w, const Segment& segment) {
        add_word_terms(xdoc, w);
        if (also) also(w, segment);
    });
    char damage[16];
    std::snprintf(damage, sizeof damage, "%.4f", ocr_damage);
    xdoc.add_value(slot(Slot::ocr_damage), damage);
    return xdoc;
}

void add_record(Xapian::Document& xdoc, const StoredDocument& doc, const std::string& file_state) {
    add_field_terms(xdoc, doc.meeting, doc.file);
    xdoc.add_boolean_term(unique_term(doc.file));
    if (doc.meeting.date) xdoc.add_value(slot(Slot::date), doc.meeting.date->sortable());
    xdoc.add_value(slot(Slot::meeting), doc.meeting.id);
    set_file_values(xdoc, doc, file_state);
}

Xapian::Document make_document(const StoredDocument& doc, const std::string& file_state) {
    Xapian::Document xdoc = body_document(doc);
    add_record(xdoc, doc, file_state);
    return xdoc;
}

void set_meeting(Xapian::Document& xdoc, const std::string& id,
                 const std::optional<MeetingDate>& date, const std::string& date_source) {
    StoredDocument doc = decode_record(xdoc.get_data());
    std::string_view prefix = find_field("meeting")->prefix;
    if (!doc.meeting.id.empty()) xdoc.remove_term(field_term(prefix, doc.meeting.id));
    if (!id.empty()) xdoc.add_boolean_term(field_term(prefix, id));
    xdoc.add_value(slot(Slot::meeting), id);
    if (date)
        xdoc.add_value(slot(Slot::date), date->sortable());
    else if (!xdoc.get_value(slot(Slot::date)).empty())
        xdoc.remove_value(slot(Slot::date));
    doc.meeting.id = id;
    doc.meeting.date = date;
    doc.meeting.date_source = date_source;
    set_file_values(xdoc, doc, xdoc.get_value(slot(Slot::file_state)));
}

void rename_document(Xapian::Document& xdoc, const std::string& file,
                     const std::string& file_state) {
    StoredDocument doc = decode_record(xdoc.get_data());
    for (const auto& term : file_terms(doc.file))
        xdoc.remove_term(term);
    xdoc.remove_term(unique_term(doc.file));
    doc.file = file;
    for (const auto& term : file_terms(file))
        xdoc.add_boolean_term(term);
    xdoc.add_boolean_term(unique_term(file));
    set_file_values(xdoc, doc, file_state);
}

}  // namespace minutes
