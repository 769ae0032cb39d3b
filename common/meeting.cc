#include "meeting.hh"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace minutes {

std::string MeetingDate::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string MeetingDate::sortable() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

bool MeetingDate::valid(int year, int month, int day) {
    static constexpr int days_in_month[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
    if (day > days_in_month[month - 1]) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

std::optional<MeetingDate> MeetingDate::from_iso(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    auto number = [&](std::size_t pos, std::size_t len) {
        int value = -1;
        auto [end, ec] = std::from_chars(iso.data() + pos, iso.data() + pos + len, value);
        return (ec == std::errc() && end == iso.data() + pos + len) ? value : -1;
    };
    MeetingDate date{number(0, 4), number(5, 2), number(8, 2)};
    if (!valid(date.year, date.month, date.day)) return std::nullopt;
    return date;
}

std::vector<std::string> Meeting::attended() const {
    std::vector<std::string> names;
    auto add = [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    };
    for (const auto& group : groups)
        for (const auto& member : group.members)
            add(member);
    for (const auto& p : partial)
        add(p.name);
    return names;
}

namespace {

// How much a copy says: the copy with the most names, topics and tasks is the best read.
std::size_t detail(const Meeting& m) {
    return m.attended().size() + m.absent.size() + m.topics.size() + m.responsibilities.size() +
           m.decisions.size() + (m.date ? 1 : 0) + (m.secretary ? 1 : 0);
}

template <typename T>
void fill(T& field, const T& other) {
    if (field.empty()) field = other;
}

}  // namespace

Meeting merge_copies(const std::vector<Meeting>& copies, std::optional<std::size_t> primary) {
    auto best = std::max_element(copies.begin(), copies.end(), [](const auto& a, const auto& b) {
        return detail(a) < detail(b);
    });
    Meeting merged = primary ? copies.at(*primary) : *best;
    for (const Meeting& other : copies) {
        if (!merged.date && other.date) {
            merged.date = other.date;
            merged.date_source = "duplicate";
        }
        if (!merged.time) merged.time = other.time;
        if (!merged.secretary) merged.secretary = other.secretary;
        fill(merged.title, other.title);
        fill(merged.groups, other.groups);
        fill(merged.absent, other.absent);
        fill(merged.partial, other.partial);
        fill(merged.topics, other.topics);
        fill(merged.responsibilities, other.responsibilities);
        fill(merged.decisions, other.decisions);
    }
    return merged;
}

}  // namespace minutes
