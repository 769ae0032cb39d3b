#include "date_range.hh"

#include <charconv>

#include "schema.hh"

namespace minutes {
namespace {

std::optional<int> number(std::string_view text, std::size_t digits) {
    if (text.size() != digits) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

int days_in(int year, int month) {
    for (int day = 31; day > 28; --day)
        if (MeetingDate::valid(year, month, day)) return day;
    return 28;
}

}  // namespace

std::optional<MeetingDate> parse_date_bound(std::string_view text, bool is_end) {
    auto year = number(text.substr(0, 4), 4);
    if (!year) return std::nullopt;
    if (text.size() == 4) {
        MeetingDate d{*year, is_end ? 12 : 1, is_end ? 31 : 1};
        return MeetingDate::valid(d.year, d.month, d.day) ? std::optional(d) : std::nullopt;
    }
    if (text.size() < 7 || text[4] != '-') return std::nullopt;
    auto month = number(text.substr(5, 2), 2);
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    if (text.size() == 7) {
        MeetingDate d{*year, *month, is_end ? days_in(*year, *month) : 1};
        return MeetingDate::valid(d.year, d.month, d.day) ? std::optional(d) : std::nullopt;
    }
    if (text.size() != 10 || text[7] != '-') return std::nullopt;
    return MeetingDate::from_iso(text);
}

std::optional<DateRange> parse_date_range(std::string_view text) {
    auto dots = text.find("..");
    if (dots == std::string_view::npos) {
        auto from = parse_date_bound(text, false);
        auto to = parse_date_bound(text, true);
        if (!from || !to) return std::nullopt;
        return DateRange{from, to};
    }
    std::string_view lo = text.substr(0, dots), hi = text.substr(dots + 2);
    if (lo.empty() && hi.empty()) return std::nullopt;
    DateRange range;
    if (!lo.empty() && !(range.from = parse_date_bound(lo, false))) return std::nullopt;
    if (!hi.empty() && !(range.to = parse_date_bound(hi, true))) return std::nullopt;
    if (range.from && range.to && *range.to < *range.from) return std::nullopt;
    return range;
}

Xapian::Query date_range_query(const DateRange& range) {
    // Undated documents have no value, which sorts before every date: a closed lower
    // bound keeps them out of "..2022" too.
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(Slot::date),
                         range.from ? range.from->sortable() : "00000000",
                         range.to ? range.to->sortable() : "99999999");
}

}  // namespace minutes
