// Inputs that broke the fuzz targets in fuzz/ (tests/data/fuzz/<target>-<name>: found by the
// fuzzer, or large inputs of one pattern run through the target), each run through the same
// function as in its target, with the invariant it broke.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "body.hh"
#include "encoding.hh"
#include "people.hh"
#include "query_parser.hh"
#include "text.hh"

// The output layer is part of minutes-query, not of the library the unit tests link: its
// sources are compiled here.
#include "../../query/output.cc"
#include "../../query/output_meetings.cc"
#include "../../query/output_mentions.cc"

using namespace minutes;

namespace {

std::string fuzz_input(const std::string& name) {
    const std::string path = std::string(MINUTES_TEST_DATA) + "/fuzz/" + name;
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// RFC 4180 rows, CRLF-terminated; nullopt when `s` is not RFC 4180.
std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view s) {
    std::vector<std::vector<std::string>> rows;
    std::size_t i = 0;
    while (i < s.size()) {
        std::vector<std::string> row;
        while (true) {
            std::string field;
            if (i < s.size() && s[i] == '"') {
                for (++i;; ++i) {
                    if (i >= s.size()) return std::nullopt;
                    if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                        field += s[i++];
                    } else if (s[i] == '"') {
                        ++i;
                        break;
                    } else {
                        field += s[i];
                    }
                }
            } else {
                while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                    if (s[i] == '"') return std::nullopt;
                    field += s[i++];
                }
            }
            row.push_back(std::move(field));
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            if (s.substr(i, 2) != "\r\n") return std::nullopt;
            i += 2;
            break;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// The first byte a terminal would act on (C0 but LF, DEL, C1), or npos.
std::size_t terminal_control(std::string_view out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7F) return i;
        if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) < 0xA0)
            return i;
    }
    return std::string_view::npos;
}

// How `work` ends when run in a child process (so that a crash or a hang fails one test, not
// the test program): normally, with an exit code (ASan's report, an exception), or killed by
// a signal (SIGSEGV for a stack overflow, SIGALRM past `limit_seconds`); and how long it took.
struct Outcome {
    bool completed = false;
    int signal = 0;
    double seconds = 0;
};

Outcome run_isolated(const std::function<void()>& work, unsigned limit_seconds) {
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        alarm(limit_seconds);
        try {
            work();
        } catch (...) {
            _exit(4);  // never back into doctest in the child
        }
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    Outcome outcome;
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.completed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return outcome;
}

}  // namespace

// ---- fuzz_document_reader ------------------------------------------------------------------

// "a:a:a:…": ICU's Swedish word rules keep colons inside a word, and emit_word (text.cc)
// splits such a word by recursing once per colon, so a long colon chain in a document (or in
// a query: words_of runs the same tokenizer) overflows the stack. The fuzz input (32768
// colons) overflows with ASan (clang, and g++ -O2 as in scripts/test --sanitize); a plain g++
// -O2 build survives only because the recursive call is a tail call the optimiser turns into
// a jump, so before the fix this test failed only in sanitizer and unoptimised builds. Fixed
// by splitting in a loop.
TEST_CASE("fuzz regression: a long colon chain overflows the stack in tokenize") {
    std::string chain = fuzz_input("fuzz_document_reader-colon-chain");
    std::string text;
    for (int i = 0; i < 16; ++i)
        text += chain;
    Outcome outcome = run_isolated(
        [&] {
            std::size_t words = 0;
            tokenize(text, [&](const Token& t) {
                if (t.text != "a") _exit(2);
                ++words;
            });
            // The last ":a" is a suffix as in "SFF:s", part of the word before it.
            if (words != text.size() / 2 - 1) _exit(3);
        },
        60);
    INFO("signal " << outcome.signal);
    CHECK(outcome.completed);  // before the fix, under ASan: ASan's stack-overflow report
}

// 65,000 blank lines: prepare_body (body.cc) looks ahead from every line over the blank and
// furniture lines that follow it (for a word hyphenated across a page break), so a run of N
// blank lines costs N²/2 trims: about 3 s here at -O2, minutes under ASan; 6,000 blank lines
// already took 3 s in the fuzz build. Fix: look ahead only after a line that ends in a
// hyphen (word_before_hyphen non-empty), or find each line's next non-blank line in one
// backward pass.
TEST_CASE("fuzz regression: prepare_body is quadratic in blank lines") {
    const std::string text = fuzz_input("fuzz_document_reader-blank-lines");
    Outcome outcome = run_isolated(
        [&] {
            Body body = prepare_body(text);
            if (body.running.text.rfind("a\n", 0) != 0) _exit(2);
        },
        20);
    INFO("signal " << outcome.signal << ", " << outcome.seconds << " s");
    CHECK(outcome.completed);
    CHECK(outcome.seconds < 1.0);  // before the fix: 3-10 s at -O2
}

// ---- fuzz_query ----------------------------------------------------------------------------

// participant:"Susanne Fras Susanne Fras …" (52 KB, within QueryLimits::max_bytes): the
// person lookup behind the field (people.cc: PersonDirectory::Index::person_of ->
// block_keys) makes, for every part of the name, a key of the whole name joined again, so a
// name of P parts costs O(P² · length): 1.9 s at -O2 for 64 KB, 29 s in the fuzz build, for
// one field. Fix: names of more than a few parts (or a few hundred bytes) are no person's
// spelling: person_of should return nullopt for them before block_keys (or block_keys
// return no keys), so spellings_of gives just {name}.
TEST_CASE("fuzz regression: a participant of thousands of words is quadratic") {
    const std::string query = fuzz_input("fuzz_query-long-participant");
    PersonDirectory people;
    people.add("Susanne Fras", 3);
    people.add("Lolita Nilsson", 2);
    people.add("Lolitha Nilsson", 1);
    QueryContext context;
    context.spellings = [&](std::string_view name) { return people.spellings_of(name); };
    Outcome outcome = run_isolated([&] { parse_query(query, context); }, 60);
    INFO("signal " << outcome.signal << ", " << outcome.seconds << " s");
    CHECK(outcome.completed);
    CHECK(outcome.seconds < 0.5);  // before the fix: 1.5-3.5 s at -O2
}

// ---- fuzz_output ---------------------------------------------------------------------------

// `mentions --count --format csv file`: the CSV header is file,meeting,date,count,<term>, and
// the row is built by merging the per-term counts into the row object
// (output_mentions.cc: MentionPrinter::print_rows, head.update(head["counts"])), so a term
// called "file", "meeting", "date" or "count" overwrites that column: the file column shows
// the term's count instead of the file.
TEST_CASE("fuzz regression: mentions --count CSV with a term named file") {
    const std::string term = fuzz_input("fuzz_output-count-csv-term-file");
    REQUIRE(term == "file");
    std::ostringstream out;
    {
        MentionPrinter printer(out, OutputStyle{Format::csv, false}, {term}, true);
        Mention hit;
        hit.line = 3;
        hit.text = "Se file och mappar";
        hit.form = "file";
        hit.term = term;
        hit.column = 3;
        hit.width = 4;
        printer.document(
            DocumentMentions{"corpus/a.txt", "m-0123456789ab", MeetingDate{2022, 10, 11}, {hit}});
        printer.finish(1);
    }
    auto rows = parse_csv(out.str());
    REQUIRE(rows.has_value());
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0] == std::vector<std::string>{"file", "meeting", "date", "count", "file"});
    REQUIRE((*rows)[1].size() == 5);
    CHECK((*rows)[1][0] == "corpus/a.txt");  // before the fix: "1"
    CHECK((*rows)[1][3] == "1");
    CHECK((*rows)[1][4] == "1");
}

// A file name may hold any byte but NUL. The `meeting` command prints the files through
// field_line -> terminal_safe, which passes the highlight markers \x02 \x03 (and line ends)
// for the snippet's sake, so a file named "a\x02b\x03c" sends raw STX/ETX to the terminal
// (output_meetings.cc: print_meeting_text, the "files:" line).
TEST_CASE("fuzz regression: highlight markers in a file name") {
    const std::string file = fuzz_input("fuzz_output-marker-in-file-name");
    Meeting meeting;
    meeting.id = "m-0123456789ab";
    meeting.title = "Ledningsgrupp";
    std::ostringstream out;
    print_meeting_records(out, {MeetingRecord{meeting, {file, "corpus/b.txt"}}},
                          OutputStyle{Format::text, false});
    const std::string text = out.str();
    std::size_t at = terminal_control(text);
    INFO("output: " << text);
    CHECK(at == std::string::npos);  // before the fix: the \x02 of the file name
    CHECK(is_valid_utf8(text));
}
