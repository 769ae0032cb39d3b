// minutes-query: argument parsing and output over common/ (search.hh and friends).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include <boost/program_options.hpp>

#include "database.hh"
#include "date_range.hh"
#include "meeting_store.hh"
#include "mentions.hh"
#include "output.hh"
#include "program.hh"
#include "schema.hh"
#include "search.hh"

namespace po = boost::program_options;
using namespace minutes;

namespace {

constexpr const char* usage = R"(Usage: minutes-query [OPTIONS] COMMAND [ARGS...]

Searches the minutes database built by minutes-index.

Commands:
  search QUERY...   ranked results with snippets
  mentions TERM...  every occurrence of the terms, in date order, with file, line and the
                    line's text; field:value arguments filter (participant:"Tony Mufic")
  meeting REF       who attended, topics, responsibilities, decisions of a meeting;
                    REF is a date (2022-10-11), a file, or a meeting id (m-…)
  attended NAME     the meetings a person attended (spelling variants folded)
  people            everyone named as participant, absent, secretary or responsible
  meetings          every meeting: date, participants, title, files (--from, --to)

Query language (search):
  words             all must match:            Anneroskolan H22
  OR, NOT, AND      either / exclude / both:   Susanne NOT Fras
  -word             exclude a word:            verksamhetsplan -budget
  "a phrase"        words in this order:       "samverkan för bästa skola"
  prefix*           words starting with:       matematik*
  (...)             grouping:                  (H22 OR IMTEC) konferens
  field:value       date:2022..2023  participant:"Susanne Fras"  topic:verksamhetsplan
                    absent:NAME  responsible:NAME  secretary:NAME  file:NAME  exact:WORD
                    (Swedish names too: datum: deltagare: frånvarande: ämne: ansvar:
                    sekreterare: fil:; names also find their other spellings)
  Dates: 2022, 2022-10, 2022-10-11, ranges 2022..2023, 2022-09..2022-12, open 2022..

What a word finds: the word in any case, its inflections (verksamhetsplan finds
verksamhetsplanen), and, ranked below, the same word without diacritics (Båstad: Bastad),
for words of 6 or more letters OCR damage of one letter (läroplan: liroplan), and compounds
it is part of. Words under 5 letters match only as written (år never finds är). exact:WORD
or --exact turns this off.

Examples:
  minutes-query search Anneroskolan
  minutes-query --format json search 'H22 date:2019'
  minutes-query mentions H22 Anneroskolan
  minutes-query --format csv mentions --exact H22 date:2019
  minutes-query meeting 2022-10-11
  minutes-query attended "Lolitha Nilsson"
  minutes-query --format csv meetings --from 2022 --to 2022

Exit status: 0 something found; 1 nothing found; 2 error.

Options)";

struct Settings {
    std::string db;
    std::string format = "text";
    std::string color = "auto";
    std::string from, to;
    SearchOptions search;
    bool count = false;
    std::string command;
    std::vector<std::string> args;
};

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "minutes-query: error: " << message << "\n";
    std::exit(2);
}

po::options_description describe(Settings& s) {
    po::options_description opts(usage);
    opts.add_options()("help,h", "show this help")("version", "show the version")(
        "db", po::value(&s.db),
        "database directory, or a stub file listing shards searched as one (lines: auto PATH, "
        "remote HOST:PORT, remote ssh HOST xapian-progsrv PATH; docs/SCALING.md) (default: "
        "$MINUTES_DB, else $XDG_DATA_HOME/minutes/db, else ~/.local/share/minutes/db)")(
        "format", po::value(&s.format)->default_value("text"), "text, json, ndjson or csv")(
        "color", po::value(&s.color)->default_value("auto"), "auto, always or never")(
        "limit", po::value(&s.search.limit)->default_value(10), "search: results to show")(
        "offset", po::value(&s.search.offset)->default_value(0), "search: results to skip first")(
        "from", po::value(&s.from),
        "search, meetings: only meetings on or after DATE (2022, 2022-10, 2022-10-11)")(
        "to", po::value(&s.to), "search, meetings: only meetings on or before DATE")(
        "exact", po::bool_switch(&s.search.exact),
        "search, mentions: match words literally (case-insensitively): no inflections, no OCR or "
        "diacritic variants, no compounds")("count", po::bool_switch(&s.count),
                                            "mentions: print only the count in each document")(
        "max-query-bytes", po::value(&s.search.limits.max_bytes)->default_value(64 * 1024),
        "longest query accepted")("max-query-terms",
                                  po::value(&s.search.limits.max_terms)->default_value(1000),
                                  "most words, phrases and fields in one query")(
        "max-prefix-words", po::value(&s.search.limits.max_wildcard)->default_value(5000),
        "most words one prefix* may match (more is an error)")(
        "all-duplicates", po::bool_switch(&s.search.all_duplicates),
        "search: list every copy of a meeting, not one hit per meeting")(
        "threads", po::value(&s.search.threads)->default_value(0),
        "search, mentions: threads one command may use, 1 to 64 (default 0: one per core, at "
        "most 4); they share a query that reads many postings and the snippets, or the "
        "documents mentions reads");
    return opts;
}

// Options parse anywhere on the line; anything else (the command, query words, and words
// such as -Fras that look like options) is kept in order.
std::vector<std::string> parse_options(int argc, char** argv, const po::options_description& opts,
                                       po::variables_map& vm) {
    po::parsed_options parsed =
        po::command_line_parser(argc, argv)
            .options(opts)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .allow_unregistered()
            .run();
    po::store(parsed, vm);
    po::notify(vm);
    std::vector<std::string> rest =
        po::collect_unrecognized(parsed.options, po::include_positional);
    for (const auto& word : rest)
        if (word.size() > 2 && word.compare(0, 2, "--") == 0) throw po::unknown_option(word);
    return rest;
}

std::optional<MeetingDate> date_option(const std::string& value, const char* name, bool is_end) {
    if (value.empty()) return std::nullopt;
    auto date = parse_date_bound(value, is_end);
    if (!date)
        fail(std::string("--") + name + ": cannot read date '" + value +
             "' (use 2022, 2022-10 or 2022-10-11)");
    return date;
}

Settings parse_arguments(int argc, char** argv) {
    Settings s;
    auto opts = describe(s);
    po::variables_map vm;
    std::vector<std::string> rest;
    try {
        rest = parse_options(argc, argv, opts, vm);
    } catch (const po::error& e) {
        fail(std::string(e.what()) + " (see --help)");
    }
    exit_on_help_or_version(vm, opts, "minutes-query");
    if (rest.empty()) fail("no command given (see --help)");
    s.command = rest.front();
    s.args.assign(rest.begin() + 1, rest.end());
    static const std::set<std::string> formats{"text", "json", "ndjson", "csv"};
    if (!formats.count(s.format))
        fail("--format must be text, json, ndjson or csv, not '" + s.format + "'");
    if (s.color != "auto" && s.color != "always" && s.color != "never")
        fail("--color must be auto, always or never, not '" + s.color + "'");
    if (s.search.threads > 64) fail("--threads must be between 0 and 64");
    s.search.from = date_option(s.from, "from", false);
    s.search.to = date_option(s.to, "to", true);
    if (s.db.empty()) s.db = default_db_path();
    return s;
}

OutputStyle style_of(const Settings& s) {
    static const std::map<std::string, Format> formats{{"text", Format::text},
                                                       {"json", Format::json},
                                                       {"ndjson", Format::ndjson},
                                                       {"csv", Format::csv}};
    bool color = s.color == "always" ||
                 (s.color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
                  std::string(std::getenv("TERM") ? std::getenv("TERM") : "dumb") != "dumb");
    return {formats.at(s.format), color};
}

std::string joined(const std::vector<std::string>& words) {
    std::string q;
    for (const auto& w : words)
        q += (q.empty() ? "" : " ") + w;
    return q;
}

void expect_no_arguments(const Settings& s) {
    if (!s.args.empty()) fail(s.command + ": takes no arguments, got '" + s.args.front() + "'");
}

int run_meeting(const Xapian::Database& db, const Settings& s) {
    if (s.args.empty()) fail("meeting: no meeting given (a date, a file or a meeting id)");
    std::vector<MeetingRecord> found;
    for (const auto& ref : s.args) {
        auto records = find_meetings(db, ref);
        if (records.empty()) std::cerr << "minutes-query: no meeting found for '" << ref << "'\n";
        found.insert(found.end(), records.begin(), records.end());
    }
    print_meeting_records(std::cout, found, style_of(s));
    return found.empty() ? 1 : 0;
}

int run_attended(const Xapian::Database& db, const Settings& s) {
    if (s.args.empty()) fail("attended: no name given");
    std::string name = joined(s.args);
    auto person = meetings_attended(db, name);
    if (!person) {
        std::cerr << "minutes-query: no one named '" << name << "' in the archive\n";
        person = PersonMeetings{Person{name, {}, 0}, {}};
    }
    print_attendance(std::cout, *person, style_of(s));
    return person->meetings.empty() ? 1 : 0;
}

int run_people(const Xapian::Database& db, const Settings& s) {
    expect_no_arguments(s);
    auto people = list_people(db);
    print_people(std::cout, people, style_of(s));
    return people.empty() ? 1 : 0;
}

int run_meetings(const Xapian::Database& db, const Settings& s) {
    expect_no_arguments(s);
    auto meetings = list_meetings(db, DateRange{s.search.from, s.search.to});
    print_meeting_list(std::cout, meetings, style_of(s));
    return meetings.empty() ? 1 : 0;
}

// TERM arguments and field:value filters; the shell has eaten the quotes of
// participant:"Tony Mufic", so a value with spaces is quoted again.
MentionOptions mention_options(const Settings& s) {
    MentionOptions options;
    for (const auto& arg : s.args) {
        auto colon = arg.find(':');
        if (colon == std::string::npos || colon == 0 || !find_field(arg.substr(0, colon))) {
            options.terms.push_back(arg);
            continue;
        }
        std::string value = arg.substr(colon + 1);
        bool bare = value.find(' ') != std::string::npos && value.find('"') == std::string::npos;
        if (!options.filter.empty()) options.filter += ' ';
        options.filter.append(arg, 0, colon + 1);
        options.filter += bare ? '"' + value + '"' : value;
    }
    options.from = s.search.from;
    options.to = s.search.to;
    options.exact = s.search.exact;
    options.limits = s.search.limits;
    options.threads = s.search.threads;
    return options;
}

int run_mentions(const Xapian::Database& db, const Settings& s) {
    MentionOptions options = mention_options(s);
    if (options.terms.empty()) fail("mentions: no term given");
    MentionPrinter printer(std::cout, style_of(s), options.terms, s.count);
    std::size_t total = for_each_mention(
        db, options, [&](const DocumentMentions& found) { printer.document(found); });
    printer.finish(total);
    return total > 0 ? 0 : 1;
}

int run_search(const Xapian::Database& db, Settings& s) {
    if (s.args.empty()) fail("search: no query given");
    s.search.query = joined(s.args);
    SearchResults results = search(db, s.search);
    print_search(std::cout, results, style_of(s));
    return results.total > 0 ? 0 : 1;
}

int run_command(const Xapian::Database& db, Settings& s) {
    if (s.command == "search") return run_search(db, s);
    if (s.command == "mentions") return run_mentions(db, s);
    if (s.command == "meeting") return run_meeting(db, s);
    if (s.command == "attended") return run_attended(db, s);
    if (s.command == "people") return run_people(db, s);
    if (s.command == "meetings") return run_meetings(db, s);
    fail("unknown command '" + s.command + "' (see --help)");
}

// Counts what is printed, so that a query is run again only while nothing has been.
class CountingBuffer : public std::streambuf {
  public:
    explicit CountingBuffer(std::streambuf* to) : to_(to) {}
    std::size_t count = 0;

  protected:
    int overflow(int c) override {
        if (c == traits_type::eof()) return traits_type::not_eof(c);
        ++count;
        return to_->sputc(static_cast<char>(c));
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        count += static_cast<std::size_t>(n);
        return to_->sputn(s, n);
    }
    int sync() override { return to_->pubsync(); }

  private:
    std::streambuf* to_;
};

// An indexer committing twice during a query discards the revision it reads: the query
// moves to the newest revision and runs again. Blocks that read as damaged while the
// database changed (database.hh: changed_on_disk) make it open the path again.
int run_reopening(Xapian::Database& db, std::string identity, Settings& s) {
    CountingBuffer counting(std::cout.rdbuf());
    struct Restore {
        std::streambuf* original;
        ~Restore() { std::cout.rdbuf(original); }
    } restore{std::cout.rdbuf(&counting)};
    for (int attempt = 1;; ++attempt) {
        try {
            return run_command(db, s);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (counting.count > 0 || attempt == 20)
                throw QueryError(
                    "the database changed under the query (minutes-index is updating it); "
                    "run the query again");
            db.reopen();
        } catch (const Xapian::DatabaseCorruptError&) {
            if (counting.count > 0 || attempt == 20 || !changed_on_disk(db, s.db, identity)) throw;
            identity = path_identity(s.db);
            db = open_for_reading(s.db);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    Settings s = parse_arguments(argc, argv);
    try {
        std::string identity = path_identity(s.db);
        Xapian::Database db = open_for_reading(s.db);
        return run_reopening(db, identity, s);
    } catch (const QueryError& e) {
        fail(e.what());
    } catch (const Xapian::WildcardError& e) {
        fail("a prefix* matches too many words: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        fail(e.get_msg());
    } catch (const std::exception& e) {
        fail(e.what());
    }
}
