// Output of minutes-query: text for people, JSON / NDJSON / CSV for scripts.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "search.hh"

namespace minutes {

enum class Format { text, json, ndjson, csv };

struct OutputStyle {
    Format format = Format::text;
    bool color = false;
};

// Text safe for a terminal: control characters and escape sequences from documents or file
// names become visible placeholders, invalid UTF-8 becomes U+FFFD.
std::string terminal_safe(std::string_view text);

// One RFC 4180 row, CRLF-terminated.
std::string csv_row(const std::vector<std::string>& fields);

// JSON text of a value; invalid UTF-8 is replaced, never passed on.
std::string json_text(const nlohmann::json& value);

void print_search(std::ostream& out, const SearchResults& results, const OutputStyle& style);

}  // namespace minutes
