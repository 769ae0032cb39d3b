// Where the database lives and how programs open it: one database directory, or a stub file
// listing several (shards) that are searched as one, local or remote.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace minutes {

// The default database path: $MINUTES_DB, else $XDG_DATA_HOME/minutes/db,
// else ~/.local/share/minutes/db.
std::string default_db_path();

// One database a stub file lists.
struct ShardSpec {
    enum class Kind { local, tcp, program } kind = Kind::local;
    std::string path;     // local: the directory (relative to the stub's folder, resolved)
    std::string host;     // tcp
    unsigned port = 0;    // tcp
    std::string program;  // program: the command, e.g. ssh
    std::string args;     // program: its arguments, e.g. "host xapian-progsrv /srv/db"
    std::string describe() const;
};

// The databases of a stub file, nested stubs expanded. A line is `auto PATH` (or `glass`,
// `chert`), or `remote` followed by `HOST:PORT` (xapian-tcpsrv; `:HOST:PORT` too) or by a
// command with its arguments (`ssh host xapian-progsrv /path`, `:ssh ...` too); `#` starts a
// comment. Throws Xapian::DatabaseOpeningError naming the file and line of a bad line.
std::vector<ShardSpec> read_stub(const std::string& stub_path);

// Opens one database of a stub read-only. Throws Xapian::DatabaseOpeningError naming it.
Xapian::Database open_shard(const ShardSpec& spec);

// Opens a database directory or a stub file read-only; a stub's databases are searched as
// one. Throws Xapian::Error with a message that names the path (and the shard).
Xapian::Database open_for_reading(const std::string& path);

// What tells the database at `path` from another put in its place (device and inode of the
// directory or stub; empty when there is none): a full rebuild renames a fresh one into place.
std::string path_identity(const std::string& path);

// Whether the database `db`, opened from `path` when it had `identity`, has changed on disk
// since: another database put in its place, or a commit. A reader caught in either can read
// blocks that are no longer its own and see a Xapian::DatabaseCorruptError: such a reader
// must open the path again, while a database that has not changed is really damaged.
bool changed_on_disk(const Xapian::Database& db, const std::string& path,
                     const std::string& identity);

// The databases `db` was opened from by open_for_reading, each on its own (just `db` for a
// single database). Needed because Xapian 1.4 reads metadata (the vocabulary) from the
// first database of a combination only.
std::vector<Xapian::Database> shards_of(const Xapian::Database& db);

// More handles on a database that open_for_reading opened from a directory, at the same
// revision, for other threads: a Xapian object must not be used by two threads at once.
// Fewer than wanted (none) for any other database, or when a commit has moved the files on.
// Handles go back to a pool when this is destroyed, for the process's next search; with
// `open_new` false, only pooled handles are taken (opening one costs a process that searches
// once more than a small search gains).
class ExtraHandles {
  public:
    ExtraHandles(const Xapian::Database& db, std::size_t wanted, bool open_new = true);
    ~ExtraHandles();
    ExtraHandles(const ExtraHandles&) = delete;
    ExtraHandles& operator=(const ExtraHandles&) = delete;

    std::vector<Xapian::Database>& handles() { return handles_; }

  private:
    std::string key_;
    std::vector<Xapian::Database> handles_;
};

// Calls f(value) for the value in `slot` of every document of `db` that has one: from a
// value stream for local databases; for remote ones, all in one reply (a match spy), since
// Xapian 1.4's remote protocol has no value streams and would fetch every whole document.
void for_each_value(const Xapian::Database& db, Xapian::valueno slot,
                    const std::function<void(const std::string&)>& f);

// Remote shards time out after this long without an answer.
inline constexpr unsigned remote_timeout_ms = 30000;

}  // namespace minutes
