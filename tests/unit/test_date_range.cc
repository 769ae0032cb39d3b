// Dates in queries as people write them (date_range.hh).
#include <doctest/doctest.h>

#include <string>

#include "date_range.hh"

using namespace minutes;

namespace {

// "from..to" in ISO form, "" for an open end; "error" when the text cannot be read.
std::string range(std::string_view text) {
    auto r = parse_date_range(text);
    if (!r) return "error";
    return (r->from ? r->from->iso() : "") + ".." + (r->to ? r->to->iso() : "");
}

}  // namespace

TEST_CASE("date range: every form a user writes") {
    CHECK(range("2022") == "2022-01-01..2022-12-31");
    CHECK(range("2022-10") == "2022-10-01..2022-10-31");
    CHECK(range("2024-02") == "2024-02-01..2024-02-29");
    CHECK(range("2023-02") == "2023-02-01..2023-02-28");
    CHECK(range("2022-10-11") == "2022-10-11..2022-10-11");
    CHECK(range("2022..2023") == "2022-01-01..2023-12-31");
    CHECK(range("2022-09..2022-12") == "2022-09-01..2022-12-31");
    CHECK(range("2022-01-01..2022-06-30") == "2022-01-01..2022-06-30");
    CHECK(range("2019..2022-10-11") == "2019-01-01..2022-10-11");
    CHECK(range("2022..") == "2022-01-01..");
    CHECK(range("..2023-06") == "..2023-06-30");
    CHECK(range("2022..2022") == "2022-01-01..2022-12-31");
}

TEST_CASE("date range: what is not a date is an error, never a guess") {
    for (const char* bad : {"", "..", "20x2", "22", "2022-13", "2022-00", "2022-02-30",
                            "2023-02-29", "2022-1-5", "2022/10/11", "2022-10-11x", "2023..2022",
                            "2022...2023", "2022..2023..2024", "tisdag", "1899", "2200"}) {
        INFO("text: '", bad, "'");
        CHECK(range(bad) == "error");
    }
}

TEST_CASE("date range: bounds of partial dates") {
    CHECK(parse_date_bound("2022", false)->iso() == "2022-01-01");
    CHECK(parse_date_bound("2022", true)->iso() == "2022-12-31");
    CHECK(parse_date_bound("2022-11", true)->iso() == "2022-11-30");
    CHECK_FALSE(parse_date_bound("2022-11-31", true));
}
