// Output of the meeting, meetings, attended and people commands.
#include <algorithm>
#include <iomanip>

#include "document.hh"
#include "output.hh"

namespace minutes {
namespace {

using nlohmann::json;

std::string date_text(const std::optional<MeetingDate>& date) {
    return date ? date->iso() : "(no date)";
}

// The contract's form of a meeting: the stored record (document.hh: meeting_to_json) with
// groups keyed by name, their times beside them, the files and everyone who attended.
json meeting_json(const MeetingRecord& record) {
    const Meeting& m = record.meeting;
    json j = meeting_to_json(m);
    json groups = json::object(), group_times = json::object();
    for (const auto& g : j["groups"]) {
        json& members = groups[g["name"].get<std::string>()];
        if (members.is_null()) members = json::array();
        members.insert(members.end(), g["members"].begin(), g["members"].end());
        if (!g["time"].is_null()) group_times[g["name"].get<std::string>()] = g["time"];
    }
    j["meeting"] = j["id"];
    j.erase("id");
    if (m.date_source.empty()) j["date_source"] = nullptr;
    j["groups"] = groups;
    j["group_times"] = group_times;
    j["files"] = record.files;
    j["attended"] = m.attended();
    return j;
}

// "label:  value" lines, the labels aligned; nothing for an empty value.
void field_line(std::ostream& out, std::string_view label, const std::string& value) {
    if (value.empty()) return;
    std::string head = std::string(label) + ":";
    head.resize(std::max<std::size_t>(head.size() + 1, 18), ' ');
    out << "  " << terminal_safe(head) << terminal_safe(value) << "\n";
}

void list_lines(std::ostream& out, std::string_view label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << "  " << label << ":\n";
    for (const auto& item : items)
        out << "    " << terminal_safe(item) << "\n";
}

void print_meeting_text(std::ostream& out, const MeetingRecord& record) {
    const Meeting& m = record.meeting;
    out << date_text(m.date);
    if (m.time) out << " " << m.time->start << "-" << m.time->end;
    out << "  " << printable_name(m.title) << "\n";
    field_line(out, "meeting", m.id);
    if (m.date_source == "duplicate") field_line(out, "date from", "another copy");
    field_line(out, "files", printable_name(flatten(json(record.files))));
    for (const auto& g : m.groups)
        field_line(out, g.name + " (" + std::to_string(g.members.size()) + ")",
                   flatten(json(g.members), 1));
    for (const auto& p : m.partial)
        field_line(out, "partial", p.name + " (" + p.note + ")");
    field_line(out, "absent", flatten(json(m.absent), 1));
    field_line(out, "secretary", m.secretary.value_or(""));
    list_lines(out, "topics", m.topics);
    std::vector<std::string> tasks;
    for (const auto& r : m.responsibilities)
        tasks.push_back(r.task + " — " + flatten(json(r.people), 1));
    list_lines(out, "responsibilities", tasks);
    list_lines(out, "decisions", m.decisions);
}

}  // namespace

void print_meeting_records(std::ostream& out, const std::vector<MeetingRecord>& meetings,
                           const OutputStyle& style) {
    std::vector<json> rows;
    for (const auto& record : meetings)
        rows.push_back(meeting_json(record));
    if (style.format == Format::json) {
        out << json_text(rows.size() == 1 ? rows.front() : json(rows)) << "\n";
    } else if (style.format == Format::text) {
        for (std::size_t i = 0; i < meetings.size(); ++i)
            print_meeting_text(out << (i ? "\n" : ""), meetings[i]);
    } else {
        print_records(
            out,
            {"meetings",
             json::object(),
             rows,
             {"meeting", "date", "date_source", "title", "files", "groups", "attended", "absent",
              "partial", "secretary", "topics", "responsibilities", "decisions"}},
            style.format);
    }
}

void print_meeting_list(std::ostream& out, const std::vector<MeetingRecord>& meetings,
                        const OutputStyle& style) {
    std::vector<json> rows;
    for (const auto& r : meetings)
        rows.push_back({{"meeting", r.meeting.id},
                        {"date", date_json(r.meeting.date)},
                        {"title", r.meeting.title},
                        {"files", r.files},
                        {"participants", r.meeting.attended().size()}});
    if (style.format != Format::text) {
        print_records(out,
                      {"meetings",
                       json::object(),
                       rows,
                       {"meeting", "date", "title", "files", "participants"}},
                      style.format);
        return;
    }
    for (const auto& r : meetings)
        out << std::left << std::setw(10) << date_text(r.meeting.date) << "  " << std::right
            << std::setw(3) << r.meeting.attended().size() << "  "
            << printable_name(r.meeting.title) << "  " << printable_name(flatten(json(r.files)))
            << "\n";
    out << meetings.size() << (meetings.size() == 1 ? " meeting" : " meetings") << "\n";
}

void print_attendance(std::ostream& out, const PersonMeetings& p, const OutputStyle& style) {
    std::vector<json> rows;
    for (const auto& a : p.meetings) {
        json row{{"meeting", a.record.meeting.id},
                 {"date", date_json(a.record.meeting.date)},
                 {"files", a.record.files},
                 {"role", a.role}};
        if (!a.note.empty()) row["note"] = a.note;
        if (style.format != Format::json) row["person"] = p.person.name;
        rows.push_back(std::move(row));
    }
    if (style.format != Format::text) {
        print_records(out,
                      {"meetings",
                       {{"person", p.person.name}, {"variants", p.person.variants}},
                       rows,
                       {"person", "meeting", "date", "role", "note", "files"}},
                      style.format);
        return;
    }
    out << terminal_safe(p.person.name);
    if (!p.person.variants.empty())
        out << " (also written " << terminal_safe(flatten(json(p.person.variants), 1)) << ")";
    out << "\n";
    for (const auto& a : p.meetings)
        out << "  " << std::left << std::setw(10) << date_text(a.record.meeting.date) << "  "
            << std::setw(16) << terminal_safe(a.role + (a.note.empty() ? "" : ": " + a.note))
            << "  " << printable_name(flatten(json(a.record.files))) << "\n";
    out << p.meetings.size() << (p.meetings.size() == 1 ? " meeting" : " meetings") << "\n";
}

void print_people(std::ostream& out, const std::vector<PersonSummary>& people,
                  const OutputStyle& style) {
    std::vector<json> rows;
    for (const auto& s : people)
        rows.push_back({{"name", s.person.name},
                        {"variants", s.person.variants},
                        {"meetings", s.meetings},
                        {"attended", s.attended},
                        {"absent", s.absent},
                        {"secretary", s.secretary},
                        {"responsible", s.responsible}});
    if (style.format != Format::text) {
        print_records(
            out,
            {"people",
             json::object(),
             rows,
             {"name", "variants", "meetings", "attended", "absent", "secretary", "responsible"}},
            style.format);
        return;
    }
    out << "meetings attended absent secretary responsible  name\n";
    for (const auto& s : people) {
        out << std::right << std::setw(8) << s.meetings << std::setw(9) << s.attended
            << std::setw(7) << s.absent << std::setw(10) << s.secretary << std::setw(12)
            << s.responsible << "  " << terminal_safe(s.person.name);
        if (!s.person.variants.empty())
            out << " (also " << terminal_safe(flatten(json(s.person.variants), 1)) << ")";
        out << "\n";
    }
    out << people.size() << (people.size() == 1 ? " person" : " people") << "\n";
}

}  // namespace minutes
