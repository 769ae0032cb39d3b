// Dates in queries as people write them: "2022", "2022-10", "2022-10-11", ranges
// "2022..2023", "2022-09..2022-12", and open ends "2022.." and "..2023-06".
// A partial date covers its whole period: "2022" is 2022-01-01 through 2022-12-31, so
// "2022..2023" runs to the end of 2023.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "meeting.hh"

namespace minutes {

struct DateRange {
    std::optional<MeetingDate> from;  // inclusive; none: open
    std::optional<MeetingDate> to;    // inclusive; none: open
};

// The first (is_end false) or last (is_end true) day of a partial date, or nullopt when the
// text is not a date of those forms or names no real day (2022-02-30, 2022-13).
std::optional<MeetingDate> parse_date_bound(std::string_view text, bool is_end);

// A date or range as above; nullopt when it cannot be read (the caller reports the error).
std::optional<DateRange> parse_date_range(std::string_view text);

// The query matching documents dated within the range (undated documents never match).
Xapian::Query date_range_query(const DateRange& range);

}  // namespace minutes
