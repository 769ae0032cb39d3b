// Brings a Xapian database up to date with the files under some paths: new files indexed,
// changed ones re-indexed, vanished ones removed, everything else left alone.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace minutes {

struct SkippedFile {
    std::string file;
    std::string reason;
};

struct IndexSummary {
    std::size_t indexed = 0;  // new files
    std::size_t updated = 0;  // files whose content changed
    std::size_t removed = 0;  // files gone from disk
    std::size_t moved = 0;    // files renamed or moved: recognised by content, not re-read
    std::size_t unchanged = 0;
    std::vector<SkippedFile> skipped;
    bool compacted = false;
    std::uintmax_t bytes_before = 0, bytes_after = 0;  // of the database, when compacted
    double seconds = 0;
};

struct IndexProgress {
    std::size_t files_seen = 0;
    std::size_t files_done = 0;
    std::string current;
};

inline constexpr std::size_t min_files_per_writer = 1000;

struct IndexOptions {
    std::string db_path;
    std::vector<std::string> roots;  // files or folders; empty: the ones remembered in the db
    bool full = false;               // rebuild from scratch
    bool follow_symlinks = false;    // follow symlinks that lead out of the roots
    std::uintmax_t max_file_bytes = 20u << 20;
    std::function<void(const IndexProgress&)> on_progress;  // called now and then
    bool wait = false;               // wait for another indexer to finish, instead of failing
    std::function<void()> on_wait;   // called once when waiting starts
    std::size_t commit_every = 200;  // files written between commits
    std::size_t jobs = 1;            // threads reading and analysing files
    bool compact = false;            // compact the database afterwards
    std::size_t writers = 0;         // databases written at once in a build from scratch; 0: one
                                     // per job when there are min_files_per_writer files for each
};

// A problem that stops the whole run: the database cannot be opened or is locked.
struct IndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

IndexSummary update_index(const IndexOptions& options);

// Opens (or creates) options.db_path for writing, waiting for another writer if
// options.wait; `overwrite` starts it empty. Throws IndexError.
Xapian::WritableDatabase open_writable(const IndexOptions& options, bool overwrite);

}  // namespace minutes
