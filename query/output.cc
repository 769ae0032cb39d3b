#include "output.hh"

#include <unicode/utf8.h>

#include <cmath>

namespace minutes {
namespace {

using nlohmann::json;

constexpr std::string_view bold_yellow = "\033[1;33m";
constexpr std::string_view dim = "\033[2m";
constexpr std::string_view bold = "\033[1m";
constexpr std::string_view reset = "\033[0m";

std::string replace_markers(std::string_view snippet, std::string_view open,
                            std::string_view close) {
    std::string out;
    out.reserve(snippet.size() + 16);
    for (char c : snippet) {
        if (c == highlight_start[0])
            out += open;
        else if (c == highlight_end[0])
            out += close;
        else
            out += c;
    }
    return out;
}

json hit_json(const SearchHit& hit) {
    return {{"rank", hit.rank},
            {"score", std::round(hit.score * 1000) / 1000},
            {"meeting", hit.meeting},
            {"date", date_json(hit.date)},
            {"title", hit.title},
            {"file", hit.file},
            {"snippet", replace_markers(hit.snippet, "**", "**")},
            {"duplicates", hit.duplicates}};
}

void print_search_text(std::ostream& out, const SearchResults& r, const OutputStyle& style) {
    auto paint = [&](std::string_view code, const std::string& s) {
        return style.color ? std::string(code) + s + std::string(reset) : s;
    };
    for (const auto& hit : r.hits) {
        std::string date = hit.date ? hit.date->iso() : "(no date)";
        out << hit.rank << ". " << paint(bold, date) << "  " << printable_name(hit.file)
            << paint(dim, "  score " + std::to_string(hit.score).substr(0, 5)) << "\n";
        out << "   " << printable_name(hit.title) << "\n";
        std::string snippet = terminal_safe(hit.snippet);
        for (char& c : snippet)
            if (c == '\n') c = ' ';
        out << "   "
            << (style.color ? replace_markers(snippet, bold_yellow, reset)
                            : replace_markers(snippet, "**", "**"))
            << "\n";
        if (!hit.duplicates.empty()) {
            out << "   also in:";
            for (const auto& d : hit.duplicates)
                out << " " << printable_name(d);
            out << "\n";
        }
        out << "\n";
    }
    out << r.hits.size() << " of " << (r.total_is_estimate ? "about " : "") << r.total
        << (r.total == 1 ? " match" : " matches") << "\n";
    if (!r.suggestion.empty()) out << "did you mean: " << terminal_safe(r.suggestion) << "\n";
}

}  // namespace

std::string csv_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) row += ',';
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            row += f;
            continue;
        }
        row += '"';
        for (char c : f) {
            if (c == '"') row += '"';
            row += c;
        }
        row += '"';
    }
    return row + "\r\n";
}

std::string json_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void print_search(std::ostream& out, const SearchResults& r, const OutputStyle& style) {
    switch (style.format) {
        case Format::json: {
            json hits = json::array();
            for (const auto& hit : r.hits)
                hits.push_back(hit_json(hit));
            json j{{"query", r.query}, {"total", r.total}, {"results", hits}};
            if (r.total_is_estimate) j["total_is_estimate"] = true;
            if (!r.suggestion.empty()) j["suggestion"] = r.suggestion;
            out << json_text(j) << "\n";
            break;
        }
        case Format::ndjson:
            for (const auto& hit : r.hits)
                out << json_text(hit_json(hit)) << "\n";
            break;
        case Format::csv:
            out << csv_row(
                {"rank", "score", "meeting", "date", "title", "file", "snippet", "duplicates"});
            for (const auto& hit : r.hits) {
                std::string dups;
                for (const auto& d : hit.duplicates)
                    dups += (dups.empty() ? "" : ";") + d;
                out << csv_row({std::to_string(hit.rank), std::to_string(hit.score), hit.meeting,
                                hit.date ? hit.date->iso() : "", hit.title, hit.file,
                                replace_markers(hit.snippet, "**", "**"), dups});
            }
            break;
        case Format::text:
            print_search_text(out, r, style);
            break;
    }
}

json date_json(const std::optional<MeetingDate>& date) {
    return date ? json(date->iso()) : json(nullptr);
}

std::string flatten(const json& value, int depth) {
    if (value.is_null()) return "";
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_structured()) return value.dump();
    std::string out, separator = depth == 0 ? "; " : ", ";
    for (auto it = value.begin(); it != value.end(); ++it) {
        std::string item = flatten(*it, depth + 1);
        if (value.is_object() && depth == 0) item = it.key() + ": " + item;
        if (value.is_object() && depth > 0) separator = ": ";
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

void print_records(std::ostream& out, const Records& records, Format format, bool whole) {
    if (format == Format::json && !whole) format = Format::ndjson;
    switch (format) {
        case Format::json: {
            json j = records.head;
            j[records.key] = records.rows;
            out << json_text(j) << "\n";
            break;
        }
        case Format::ndjson:
            for (const auto& row : records.rows)
                out << json_text(row) << "\n";
            break;
        case Format::csv:
            if (whole) out << csv_row(records.columns);
            for (const auto& row : records.rows) {
                std::vector<std::string> cells;
                for (const auto& column : records.columns)
                    cells.push_back(flatten(row.value(column, json())));
                out << csv_row(cells);
            }
            break;
        case Format::text:
            break;  // each command prints text its own way
    }
}

}  // namespace minutes
