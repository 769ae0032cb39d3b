// minutes-index: argument parsing and reporting over common/index_writer.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "database.hh"
#include "index_writer.hh"
#include "program.hh"
#include "shard_links.hh"
#include "text.hh"

namespace po = boost::program_options;
using namespace minutes;

namespace {

std::size_t default_jobs() {
    return std::max(1u, std::thread::hardware_concurrency());
}

constexpr const char* usage = R"(Usage: minutes-index [OPTIONS] [PATH...]

Indexes every document under each PATH (a file or a folder, searched recursively) into the
minutes database. The paths are remembered: with no PATH, the remembered ones are brought up
to date. Unchanged files are skipped, changed ones re-indexed, vanished ones removed.
Files that are not text (binary, NUL bytes) or too large are skipped and named on stderr.

An archive can also be split into shards, one database each, searched as one through a
stub file that lists them (docs/SCALING.md). --link STUB then groups the copies of a meeting
held by different shards, as one database would.

Example:
  minutes-index --db ~/minutes-db corpus/
  minutes-index --db ~/minutes-db            # update the remembered paths
  minutes-index --db shards/2019 --link archive.stub minutes/2019/
  minutes-index --link archive.stub          # link the shards only

Exit status: 0 every file indexed (and linked); 1 some files skipped, or a remote shard left
unlinked; 2 nothing could be done.

Options)";

struct Settings {
    IndexOptions index;
    std::string link;  // a stub file: link the shards it lists
    bool index_run = true;
    std::string format = "text";
    bool progress = false;
    bool quiet = false;
};

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "minutes-index: error: " << message << "\n";
    std::exit(2);
}

po::options_description describe(Settings& s, std::uintmax_t& max_mb) {
    po::options_description opts(usage);
    opts.add_options()("help,h", "show this help")("version", "show the version")(
        "db", po::value(&s.index.db_path),
        "database path (default: $MINUTES_DB, else $XDG_DATA_HOME/minutes/db, else "
        "~/.local/share/minutes/db)")("full", po::bool_switch(&s.index.full),
                                      "rebuild the database from scratch")(
        "follow-symlinks", po::bool_switch(&s.index.follow_symlinks),
        "follow symbolic links that lead out of the given paths")(
        "max-file-size", po::value(&max_mb)->default_value(20),
        "skip files larger than this many MB")("progress", po::bool_switch(&s.progress),
                                               "show a live progress line on stderr")(
        "quiet,q", po::bool_switch(&s.quiet), "print no summary (errors still go to stderr)")(
        "format", po::value(&s.format)->default_value("text"), "summary format: text or json")(
        "wait", po::bool_switch(&s.index.wait),
        "if another minutes-index is updating the database, wait for it to finish")(
        "jobs,j", po::value(&s.index.jobs)->default_value(default_jobs()),
        "threads reading and analysing files (default: the number of cores)")(
        "commit-every", po::value(&s.index.commit_every)->default_value(200),
        "files written between commits: a crash loses at most this many")(
        "writers", po::value(&s.index.writers)->default_value(0),
        "databases written at once by a build from scratch (a new database, or --full), each "
        "on its own thread and merged at the end, compacted; a crash then loses the whole "
        "build (default 0: one per job when there are at least 1000 files for each)")(
        "compact", po::bool_switch(&s.index.compact),
        "compact the database afterwards (Xapian's compactor: smaller and faster to search)")(
        "link", po::value(&s.link),
        "then group the copies of a meeting across the shards this stub file lists (their "
        "local databases are updated; alone, without --db or PATH, only link)")(
        "path", po::value(&s.index.roots)->composing(), "files or folders to index");
    return opts;
}

Settings parse_arguments(int argc, char** argv) {
    Settings s;
    std::uintmax_t max_mb = 20;
    auto opts = describe(s, max_mb);
    po::positional_options_description positional;
    positional.add("path", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(opts).positional(positional).run(),
                  vm);
        po::notify(vm);
    } catch (const po::error& e) {
        fail(std::string(e.what()) + " (see --help)");
    }
    exit_on_help_or_version(vm, opts, "minutes-index");
    if (s.format != "text" && s.format != "json")
        fail("--format must be text or json, not '" + s.format + "'");
    if (s.progress && s.quiet) fail("--progress and --quiet cannot be used together");
    if (max_mb == 0) fail("--max-file-size must be at least 1");
    s.index.max_file_bytes = max_mb << 20;
    if (!s.link.empty() && s.index.db_path.empty() && s.index.roots.empty()) s.index_run = false;
    if (s.index.db_path.empty()) s.index.db_path = default_db_path();
    std::error_code ec;
    if (s.index_run && std::filesystem::is_regular_file(s.index.db_path, ec))
        fail("--db: " + s.index.db_path +
             " is a file (a stub listing several databases?); index each shard with its own "
             "--db, and link them with --link");
    return s;
}

void show_progress(const IndexProgress& p, bool terminal) {
    if (terminal) {
        std::string name =
            p.current.size() > 60 ? "…" + p.current.substr(p.current.size() - 59) : p.current;
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", p.files_done + 1, p.files_seen, name.c_str());
    } else if (p.files_done % 1000 == 0) {
        std::fprintf(stderr, "minutes-index: %zu of %zu files\n", p.files_done, p.files_seen);
    }
}

std::string megabytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

nlohmann::json summary_json(const IndexSummary& sum) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& skip : sum.skipped)
        skipped.push_back({{"file", skip.file}, {"reason", skip.reason}});
    nlohmann::json j{{"indexed", sum.indexed}, {"updated", sum.updated + sum.moved},
                     {"removed", sum.removed}, {"unchanged", sum.unchanged},
                     {"moved", sum.moved},     {"skipped", sum.skipped.size()},
                     {"seconds", sum.seconds}, {"skipped_files", skipped}};
    if (sum.compacted)
        j["compacted"] = {{"bytes_before", sum.bytes_before}, {"bytes_after", sum.bytes_after}};
    return j;
}

std::string summary_text(const IndexSummary& sum) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "indexed %zu, updated %zu, removed %zu, unchanged %zu, skipped %zu in %.2f s",
                  sum.indexed, sum.updated + sum.moved, sum.removed, sum.unchanged,
                  sum.skipped.size(), sum.seconds);
    std::string text = line;
    if (sum.compacted)
        text += "; compacted " + megabytes(sum.bytes_before) + " to " + megabytes(sum.bytes_after);
    return text;
}

nlohmann::json link_json(const LinkSummary& link) {
    return {{"shards", link.shards},
            {"documents", link.documents},
            {"relinked", link.relinked},
            {"not_writable", link.not_writable},
            {"seconds", link.seconds}};
}

std::string link_text(const LinkSummary& link) {
    char line[160];
    std::snprintf(line, sizeof line, "linked %zu shards: %zu documents, %zu relinked in %.2f s",
                  link.shards, link.documents, link.relinked, link.seconds);
    return line;
}

// One summary line: the indexing run's, the linking's, or both.
void report(const Settings& s, const IndexSummary* sum, const LinkSummary* link) {
    if (sum)
        for (const auto& skip : sum->skipped)
            std::cerr << "minutes-index: skipped " << printable_name(skip.file) << ": "
                      << printable_name(skip.reason) << "\n";
    if (link)
        for (const auto& shard : link->not_writable)
            std::cerr << "minutes-index: not linked: " << printable_name(shard)
                      << " holds copies to relink; run minutes-index --link where it is local\n";
    if (s.quiet) return;
    if (s.format == "json") {
        nlohmann::json j = sum ? summary_json(*sum) : nlohmann::json::object();
        if (link) j["link"] = link_json(*link);
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return;
    }
    std::string line = sum ? summary_text(*sum) : "";
    if (link) line += (line.empty() ? "" : "; ") + link_text(*link);
    std::cout << line << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    Settings s = parse_arguments(argc, argv);
    bool terminal = isatty(STDERR_FILENO);
    if (s.progress)
        s.index.on_progress = [terminal](const IndexProgress& p) { show_progress(p, terminal); };
    s.index.on_wait = [] {
        std::cerr << "minutes-index: waiting for another minutes-index to finish\n";
    };
    if (s.index.commit_every == 0) fail("--commit-every must be at least 1");
    if (s.index.jobs == 0 || s.index.jobs > 256) fail("--jobs must be between 1 and 256");
    if (s.index.writers > 256) fail("--writers must be between 0 and 256");
    try {
        std::optional<IndexSummary> summary;
        std::optional<LinkSummary> link;
        if (s.index_run) summary = update_index(s.index);
        if (s.progress && terminal) std::fprintf(stderr, "\r\033[K");
        if (!s.link.empty()) link = link_shards({s.link, {}, s.index.wait, s.index.on_wait});
        report(s, summary ? &*summary : nullptr, link ? &*link : nullptr);
        bool complete =
            (!summary || summary->skipped.empty()) && (!link || link->not_writable.empty());
        return complete ? 0 : 1;
    } catch (const IndexError& e) {
        fail(e.what());
    } catch (const Xapian::Error& e) {
        fail((s.index_run ? s.index.db_path : s.link) + ": " + e.get_description());
    } catch (const std::exception& e) {
        fail(e.what());
    }
}
