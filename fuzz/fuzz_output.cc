// Output for terminals and scripts: terminal_safe (text.hh), csv_row and json_text
// (query/output*.cc, compiled in) on arbitrary bytes, and every printer in every format on
// records made from the input (the input as a file name, which may hold any byte; the text
// decoded from it as the document's titles, names, snippets and mention lines).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "encoding.hh"
#include "fuzz_check.hh"
#include "output.hh"
#include "text.hh"

using namespace minutes;
using minutes::fuzz::show;
using nlohmann::json;

namespace {

// ---- RFC 4180 ------------------------------------------------------------------------------

using CsvRecord = std::vector<std::string>;

// Records of CRLF-terminated rows; nullopt when `s` is not RFC 4180 (a quote inside an
// unquoted field, text after a closing quote, a bare CR or LF outside quotes, no final CRLF).
std::optional<std::vector<CsvRecord>> parse_csv(std::string_view s) {
    std::vector<CsvRecord> records;
    std::size_t i = 0;
    while (i < s.size()) {
        CsvRecord record;
        while (true) {
            std::string field;
            if (i < s.size() && s[i] == '"') {
                ++i;
                while (true) {
                    if (i >= s.size()) return std::nullopt;  // unterminated quote
                    if (s[i] == '"') {
                        if (i + 1 < s.size() && s[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += s[i++];
                }
            } else {
                while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                    if (s[i] == '"') return std::nullopt;
                    field += s[i++];
                }
            }
            record.push_back(std::move(field));
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            if (s.substr(i, 2) == "\r\n") {
                i += 2;
                break;
            }
            return std::nullopt;  // a bare CR or LF, text after a quote, or no CRLF at the end
        }
        records.push_back(std::move(record));
    }
    return records;
}

// ---- what each output must be -------------------------------------------------------------

// No byte a terminal acts on: C0 controls but '\n' (and the highlight markers when allowed),
// DEL, C1 controls; and valid UTF-8.
void check_terminal_text(std::string_view out, bool markers, const char* what) {
    FUZZ_CHECK(is_valid_utf8(out), std::string(what) + ": " + show(out));
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        bool marker = markers && (c == 0x02 || c == 0x03);
        FUZZ_CHECK(c >= 0x20 || c == '\n' || marker, std::string(what) + ": control byte at " +
                                                         std::to_string(i) + " in " +
                                                         show(out.substr(i > 40 ? i - 40 : 0, 80)));
        FUZZ_CHECK(c != 0x7F, std::string(what) + ": DEL in " + show(out));
        if (c == 0xC2 && i + 1 < out.size())
            FUZZ_CHECK(static_cast<unsigned char>(out[i + 1]) >= 0xA0,
                       std::string(what) + ": C1 control in " + show(out));
    }
}

std::string without_colors(std::string s) {
    for (std::string_view code : {"\033[1;33m", "\033[2m", "\033[1m", "\033[0m"})
        for (std::size_t at = s.find(code); at != std::string::npos; at = s.find(code, at))
            s.erase(at, code.size());
    return s;
}

void check_json_text(std::string_view text, const char* what) {
    FUZZ_CHECK(is_valid_utf8(text), std::string(what) + ": " + show(text));
    FUZZ_CHECK(json::accept(text), std::string(what) + ": not JSON: " + show(text));
}

void check_output(const std::string& out, Format format, bool color, const char* what) {
    switch (format) {
        case Format::text:
            check_terminal_text(color ? without_colors(out) : out, false, what);
            break;
        case Format::json:
            FUZZ_CHECK(!out.empty() && out.back() == '\n', what);
            check_json_text(out, what);
            break;
        case Format::ndjson: {
            std::size_t start = 0;
            while (start < out.size()) {
                std::size_t end = out.find('\n', start);
                FUZZ_CHECK(end != std::string::npos, std::string(what) + ": unterminated line");
                check_json_text(std::string_view(out).substr(start, end - start), what);
                start = end + 1;
            }
            break;
        }
        case Format::csv: {
            auto records = parse_csv(out);
            FUZZ_CHECK(records.has_value(), std::string(what) + ": not RFC 4180: " + show(out));
            for (const auto& r : *records)
                FUZZ_CHECK(r.size() == records->front().size(),
                           std::string(what) + ": rows of different widths");
            break;
        }
    }
}

// ---- records made of the input ------------------------------------------------------------

struct Material {
    std::string file;  // the raw bytes: a file name may hold anything but NUL
    std::string text;  // the decoded text, as a document's would be
    Meeting meeting;
    std::vector<Token> words;
};

Material material(std::string_view bytes) {
    Material m;
    // A path is at most PATH_MAX bytes; longer ones only make every output slower.
    m.file = std::string(bytes.substr(0, 512));
    for (char& c : m.file)
        if (c == '\0') c = '_';
    auto decoded = decode_document(bytes);
    if (auto* d = std::get_if<DecodedText>(&decoded)) m.text = std::move(d->text);
    // A meeting record made of the text's lines, as the parser would take names, topics and
    // so on from them. (Not extract_meeting itself: meeting_parser.hh and meeting_store.hh
    // both define a different minutes::Attendance, and a program holding both breaks.)
    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= m.text.size() && lines.size() < 12;) {
        std::size_t end = std::min(m.text.find('\n', start), m.text.size());
        lines.push_back(m.text.substr(start, end - start));
        start = end + 1;
    }
    lines.resize(12);
    Meeting& meeting = m.meeting;
    meeting.id = "m-0123456789ab";
    if (!m.text.empty()) {
        meeting.date = MeetingDate{2022, 10, 11};
        meeting.date_source = "text";
        meeting.time = TimeSpan{"12.00", "16.00"};
    }
    meeting.title = lines[0];
    meeting.groups = {{lines[1], {lines[2], lines[3]}, std::nullopt},
                      {"Styrgruppen", {lines[3]}, TimeSpan{"14.00", "16.00"}}};
    meeting.absent = {lines[4]};
    meeting.partial = {{lines[5], lines[6]}};
    if (!lines[7].empty()) meeting.secretary = lines[7];
    meeting.topics = {lines[8], lines[9]};
    meeting.responsibilities = {{lines[10], {lines[2], lines[11]}}};
    meeting.decisions = {lines[11]};
    tokenize(m.text, [&](const Token& t) {
        if (m.words.size() < 12) m.words.push_back(t);
    });
    return m;
}

SearchResults search_results(const Material& m) {
    SearchResults r;
    r.query = m.file;
    r.total = 2;
    // The suggestion is the user's own query with words replaced; a raw \x02 typed in the
    // query comes back as typed (terminal_safe passes the highlight markers).
    r.suggestion = m.file;
    for (char& c : r.suggestion)
        if (c == '\x02' || c == '\x03') c = '?';
    std::string snippet = one_line(m.text.substr(0, 300));
    if (!m.words.empty()) {
        // Highlight the first word, as MSet::snippet does.
        std::string word(m.words.front().text);
        if (auto at = snippet.find(word); at != std::string::npos) {
            snippet.insert(at + word.size(), highlight_end);
            snippet.insert(at, highlight_start);
        }
    }
    for (unsigned rank = 1; rank <= 2; ++rank)
        r.hits.push_back(
            {rank, 1.5, m.meeting.id, m.meeting.date, m.meeting.title, m.file, snippet,
             rank == 1 ? std::vector<std::string>{m.file, "b.txt"} : std::vector<std::string>{}});
    return r;
}

DocumentMentions mentions(const Material& m) {
    DocumentMentions d{m.file, m.meeting.id, m.meeting.date, {}};
    for (const Token& t : m.words) {
        std::size_t line_start = m.text.rfind('\n', t.offset);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        std::size_t line_end = m.text.find('\n', t.offset);
        if (line_end == std::string::npos) line_end = m.text.size();
        Mention mention;
        mention.line = t.line;
        mention.text = m.text.substr(line_start, line_end - line_start);
        mention.form = std::string(t.text);
        mention.term = m.file;
        mention.column = t.offset - line_start;
        mention.width = t.text.size();
        d.hits.push_back(std::move(mention));
    }
    return d;
}

void print_everything(const Material& m) {
    const SearchResults results = search_results(m);
    const std::vector<MeetingRecord> records{{m.meeting, {m.file, "corpus/b.txt"}},
                                             {Meeting{}, {m.file}}};
    const DocumentMentions document = mentions(m);
    for (Format format : {Format::text, Format::json, Format::ndjson, Format::csv}) {
        for (bool color : {false, true}) {
            if (color && format != Format::text) continue;
            OutputStyle style{format, color};
            {
                std::ostringstream out;
                print_search(out, results, style);
                check_output(out.str(), format, color, "search");
            }
            {
                std::ostringstream out;
                print_meeting_records(out, records, style);
                check_output(out.str(), format, color, "meeting");
            }
            {
                std::ostringstream out;
                print_meeting_list(out, records, style);
                check_output(out.str(), format, color, "meetings");
            }
            for (bool count_only : {false, true}) {
                std::ostringstream out;
                MentionPrinter printer(out, style, {m.file}, count_only);
                printer.document(document);
                printer.document(DocumentMentions{"corpus/b.txt", "m-1", std::nullopt, {}});
                printer.finish(document.hits.size());
                check_output(out.str(), format, color,
                             count_only ? "mentions --count" : "mentions");
                // file,meeting,date,count,<term>: the file column names the file, whatever the
                // term is called (tests/unit/test_fuzz_regressions.cc: a term named "file").
                if (format == Format::csv && count_only) {
                    auto rows = parse_csv(out.str());
                    FUZZ_CHECK(rows && rows->size() == 3, "mentions --count csv rows");
                    FUZZ_CHECK((*rows)[1][0] == m.file, "mentions --count csv: file column " +
                                                            show((*rows)[1][0]) + " for file " +
                                                            show(m.file));
                }
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const bool valid = is_valid_utf8(input);

    // terminal_safe: nothing a terminal acts on; text without controls passes unchanged.
    std::string safe = terminal_safe(input);
    check_terminal_text(safe, true, "terminal_safe");
    bool plain = valid;
    for (std::size_t i = 0; plain && i < input.size(); ++i) {
        auto c = static_cast<unsigned char>(input[i]);
        plain = (c >= 0x20 && c != 0x7F) || c == '\n' || c == 0x02 || c == 0x03;
        if (c == 0xC2 && i + 1 < input.size() && static_cast<unsigned char>(input[i + 1]) < 0xA0)
            plain = false;
    }
    if (plain) FUZZ_CHECK(safe == input, show(input) + " became " + show(safe));

    // csv_row: one RFC 4180 row that reads back as the fields.
    std::string row = csv_row({input, input});
    auto records = parse_csv(row);
    FUZZ_CHECK(records.has_value(), "not RFC 4180: " + show(row));
    FUZZ_CHECK(records->size() == 1,
               show(row) + " is " + std::to_string(records->size()) + " rows");
    FUZZ_CHECK(records->front() == (CsvRecord{input, input}), show(row));

    // json_text: valid UTF-8 JSON, the same string back when it was UTF-8.
    for (const json& value : {json(input), json{{"text", input}, {input, {input, 1, nullptr}}}}) {
        std::string text = json_text(value);
        check_json_text(text, "json_text");
        json back = json::parse(text);
        if (valid) FUZZ_CHECK(back == value, show(text));
    }

    print_everything(material(input));
    return 0;
}
