// Output of the mentions command: streamed, a document at a time, except JSON (one object).
#include <iomanip>

#include "output.hh"

namespace minutes {
namespace {

using nlohmann::json;

// 1-based, in characters: where the form starts in the line's text.
std::size_t character_column(const Mention& m) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < m.column && i < m.text.size(); ++i)
        column += (static_cast<unsigned char>(m.text[i]) & 0xC0) != 0x80;
    return column;
}

json hit_json(const Mention& m) {
    return {{"line", m.line}, {"column", character_column(m)},
            {"text", m.text}, {"form", m.form},
            {"term", m.term}, {"match", std::string(match_name(m.match))}};
}

// The mentions of each term in a document: {"H22": 3, "IMTEC": 0}.
json term_counts(const DocumentMentions& d, const std::vector<std::string>& terms) {
    json counts = json::object();
    for (const auto& term : terms)
        counts[term] = 0;
    for (const auto& m : d.hits)
        counts[m.term] = counts[m.term].get<std::size_t>() + 1;
    return counts;
}

json document_json(const DocumentMentions& d, const std::vector<std::string>& terms,
                   bool with_hits) {
    json j{{"file", d.file},
           {"meeting", d.meeting},
           {"date", date_json(d.date)},
           {"count", d.hits.size()},
           {"counts", term_counts(d, terms)}};
    if (!with_hits) return j;
    j["hits"] = json::array();
    for (const auto& m : d.hits)
        j["hits"].push_back(hit_json(m));
    return j;
}

const std::vector<std::string> hit_columns{"file", "meeting", "date",  "line", "column",
                                           "term", "form",    "match", "text"};

}  // namespace

MentionPrinter::MentionPrinter(std::ostream& out, const OutputStyle& style,
                               std::vector<std::string> terms, bool count_only)
    : out_(out), style_(style), terms_(std::move(terms)), count_only_(count_only) {
    if (style_.format == Format::csv) out_ << csv_row(count_only_ ? count_columns() : hit_columns);
}

void MentionPrinter::document(const DocumentMentions& d) {
    ++documents_;
    switch (style_.format) {
        case Format::json:
            documents_json_.push_back(document_json(d, terms_, !count_only_));
            break;
        case Format::ndjson:
        case Format::csv:
            print_rows(d);
            break;
        case Format::text:
            print_text(d);
            break;
    }
}

void MentionPrinter::print_rows(const DocumentMentions& d) {
    json head = document_json(d, terms_, false);
    if (count_only_ && style_.format == Format::csv) {
        // A column per term, by position: a term may be called "file" or "date".
        std::vector<std::string> cells{d.file, d.meeting, d.date ? d.date->iso() : "",
                                       std::to_string(d.hits.size())};
        for (const auto& term : terms_)
            cells.push_back(std::to_string(head["counts"][term].get<std::size_t>()));
        out_ << csv_row(cells);
        return;
    }
    std::vector<json> rows;
    if (count_only_) rows.push_back(head);
    for (const auto& m : count_only_ ? std::vector<Mention>{} : d.hits) {
        json row = head;
        row.erase("count");
        row.erase("counts");
        row.update(hit_json(m));
        rows.push_back(std::move(row));
    }
    print_records(out_, {"", json::object(), rows, count_only_ ? count_columns() : hit_columns},
                  style_.format, false);
}

std::vector<std::string> MentionPrinter::count_columns() const {
    std::vector<std::string> columns{"file", "meeting", "date", "count"};
    columns.insert(columns.end(), terms_.begin(), terms_.end());
    return columns;
}

void MentionPrinter::print_text(const DocumentMentions& d) {
    std::string date = d.date ? d.date->iso() : "(no date)";
    if (count_only_) {
        out_ << std::left << std::setw(10) << date << std::right << std::setw(6) << d.hits.size()
             << "  " << printable_name(d.file) << "\n";
        return;
    }
    for (const auto& m : d.hits) {
        std::string open = style_.color ? "\033[1;33m" : "**",
                    close = style_.color ? "\033[0m" : "**";
        out_ << std::left << std::setw(10) << date << "  "
             << printable_name(d.file + ":" + std::to_string(m.line)) << "  "
             << terminal_safe(m.text.substr(0, m.column)) << open
             << terminal_safe(m.text.substr(m.column, m.width)) << close
             << terminal_safe(m.text.substr(m.column + m.width)) << "\n";
    }
}

void MentionPrinter::finish(std::size_t total) {
    if (style_.format == Format::json) {
        out_ << json_text(
                    {{"terms", terms_}, {"total_mentions", total}, {"documents", documents_json_}})
             << "\n";
    } else if (style_.format == Format::text) {
        out_ << total << (total == 1 ? " mention" : " mentions") << " in " << documents_
             << (documents_ == 1 ? " document" : " documents") << "\n";
    }
}

}  // namespace minutes
