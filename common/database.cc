#include "database.hh"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>

namespace minutes {
namespace fs = std::filesystem;

std::string default_db_path() {
    if (const char* db = std::getenv("MINUTES_DB"); db && *db) return db;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return std::string(data) + "/minutes/db";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/minutes/db";
}

std::string ShardSpec::describe() const {
    switch (kind) {
        case Kind::tcp:
            return "remote " + host + ":" + std::to_string(port);
        case Kind::program:
            return "remote " + program + " " + args;
        case Kind::local:
            break;
    }
    return path;
}

namespace {

std::string trim(const std::string& s) {
    auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// "HOST:PORT", or a command and its arguments (the form is told by the white space).
ShardSpec remote_spec(std::string rest) {
    ShardSpec spec;
    if (!rest.empty() && rest[0] == ':') rest.erase(0, 1);
    auto space = rest.find_first_of(" \t");
    if (space != std::string::npos) {
        spec.kind = ShardSpec::Kind::program;
        spec.program = rest.substr(0, space);
        spec.args = trim(rest.substr(space));
        return spec;
    }
    auto colon = rest.rfind(':');
    const std::string port = colon == std::string::npos ? "" : rest.substr(colon + 1);
    if (colon == 0 || port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) == 0 ||
        std::stoul(port) > 65535)
        throw std::invalid_argument("expected 'remote HOST:PORT' or 'remote COMMAND ARGS...'");
    spec.kind = ShardSpec::Kind::tcp;
    spec.host = rest.substr(0, colon);
    spec.port = static_cast<unsigned>(std::stoul(port));
    return spec;
}

ShardSpec local_spec(const fs::path& path) {
    ShardSpec spec;
    spec.path = path.lexically_normal().string();
    return spec;
}

void read_stub_into(const fs::path& stub, int depth, std::vector<ShardSpec>& out) {
    auto fail = [&](std::size_t line, const std::string& what) {
        throw Xapian::DatabaseOpeningError("stub file " + stub.string() +
                                           (line ? " line " + std::to_string(line) : "") + ": " +
                                           what);
    };
    if (depth > 8) fail(0, "stub files nested more than 8 deep (a loop?)");
    std::ifstream in(stub);
    if (!in) fail(0, "cannot be read");
    std::string raw;
    for (std::size_t number = 1; std::getline(in, raw); ++number) {
        std::string line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        auto space = line.find_first_of(" \t");
        std::string type = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : trim(line.substr(space));
        if (rest.empty()) fail(number, "'" + type + "' without a database");
        if (type == "remote") {
            try {
                out.push_back(remote_spec(rest));
            } catch (const std::invalid_argument& e) {
                fail(number, e.what());
            }
        } else if (type == "auto" || type == "glass" || type == "chert") {
            fs::path path =
                fs::path(rest).is_absolute() ? fs::path(rest) : stub.parent_path() / rest;
            std::error_code ec;
            if (fs::is_regular_file(path, ec))
                read_stub_into(path, depth + 1, out);
            else
                out.push_back(local_spec(path));
        } else {
            fail(number, "unknown database type '" + type + "' (auto, glass, chert or remote)");
        }
    }
    if (depth == 0 && out.empty()) fail(0, "lists no database");
}

// The shards of every combination open_for_reading made, by the combination's UUID (the
// UUIDs of its databases joined), which copies and reopen() keep.
struct Shard {
    Xapian::Database db;
    bool remote;
};
std::mutex registry_lock;
std::map<std::string, std::vector<Shard>>& registry() {
    static std::map<std::string, std::vector<Shard>> shards;
    return shards;
}

// The directories open_for_reading opened single databases from, by UUID: where more handles
// on one come from. Handles returned after a search, kept for the next.
std::map<std::string, std::string>& directories() {
    static std::map<std::string, std::string> paths;
    return paths;
}
std::map<std::string, std::vector<Xapian::Database>>& spare_handles() {
    static std::map<std::string, std::vector<Xapian::Database>> spares;
    return spares;
}

// Whether two handles show the same database at the same revision. A copied database
// keeps its UUID: the counts tell a copy changed on its own, as far as cheaply known.
bool same_state(const Xapian::Database& a, const Xapian::Database& b) {
    return a.get_uuid() == b.get_uuid() && a.get_revision() == b.get_revision() &&
           a.get_lastdocid() == b.get_lastdocid() && a.get_doccount() == b.get_doccount() &&
           a.get_total_length() == b.get_total_length();
}

// A handle on `path` in the state of `db`, or nullopt when a commit has moved it on since.
std::optional<Xapian::Database> handle_like(std::optional<Xapian::Database> handle,
                                            const std::string& path, const Xapian::Database& db) {
    try {
        if (!handle) handle = Xapian::Database(path);
        if (handle->get_revision() != db.get_revision()) handle->reopen();
        if (same_state(*handle, db)) return handle;
    } catch (const Xapian::Error&) {
    }
    return std::nullopt;
}

std::vector<Shard> registered_shards(const Xapian::Database& db) {
    std::lock_guard<std::mutex> hold(registry_lock);
    auto found = registry().find(db.get_uuid());
    if (found == registry().end()) return {{db, false}};
    return found->second;
}

void spy_values(const Xapian::Database& db, Xapian::valueno slot,
                const std::function<void(const std::string&)>& f) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(slot);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        for (Xapian::doccount n = it.get_termfreq(); n > 0; --n)
            f(*it);
}

}  // namespace

Xapian::Database open_shard(const ShardSpec& spec) {
    try {
        switch (spec.kind) {
            case ShardSpec::Kind::tcp:
                return Xapian::Remote::open(spec.host, spec.port, remote_timeout_ms, 10000);
            case ShardSpec::Kind::program:
                return Xapian::Remote::open(spec.program, spec.args, remote_timeout_ms);
            case ShardSpec::Kind::local:
                if (std::error_code ec; !fs::exists(spec.path, ec))
                    throw Xapian::DatabaseNotFoundError("no such database");
                return Xapian::Database(spec.path);
        }
    } catch (const Xapian::Error& e) {
        throw Xapian::DatabaseOpeningError("shard " + spec.describe() + ": " + e.get_msg());
    }
    throw Xapian::DatabaseOpeningError("shard " + spec.describe() + ": unknown kind");
}

std::vector<ShardSpec> read_stub(const std::string& stub_path) {
    std::vector<ShardSpec> specs;
    read_stub_into(fs::path(stub_path), 0, specs);
    return specs;
}

namespace {

Xapian::Database open_once(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Xapian::DatabaseNotFoundError("no database at " + path +
                                            " (run minutes-index first, or pass --db)");
    try {
        if (fs::is_directory(path, ec)) {
            Xapian::Database db(path);
            std::lock_guard<std::mutex> hold(registry_lock);
            directories()[db.get_uuid()] = path;
            return db;
        }
        std::vector<Shard> shards;
        Xapian::Database all;
        for (const auto& spec : read_stub(path)) {
            shards.push_back({open_shard(spec), spec.kind != ShardSpec::Kind::local});
            all.add_database(shards.back().db);
        }
        std::lock_guard<std::mutex> hold(registry_lock);
        registry()[all.get_uuid()] = shards;
        return all;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Xapian::DatabaseOpeningError("cannot open database " + path + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw Xapian::NetworkError("cannot open database " + path + ": " + e.get_msg());
    }
}

}  // namespace

std::string path_identity(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return {};
    return std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino);
}

bool changed_on_disk(const Xapian::Database& db, const std::string& path,
                     const std::string& identity) {
    if (path_identity(path) != identity) return true;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return false;
    try {
        return Xapian::Database(path).get_revision() != db.get_revision();
    } catch (const Xapian::Error&) {
        return true;  // gone or being replaced
    }
}

// Xapian reads the version file, then opens the tables by path: a full rebuild's swap of
// directories in between (index_writer.cc: replace_database) would pair one database's
// revision with the other's tables. Opened again until the path held one throughout.
Xapian::Database open_for_reading(const std::string& path) {
    for (int attempt = 1;; ++attempt) {
        std::string before = path_identity(path);
        Xapian::Database db = open_once(path);
        if (path_identity(path) == before || attempt == 10) return db;
    }
}

std::vector<Xapian::Database> shards_of(const Xapian::Database& db) {
    std::vector<Xapian::Database> out;
    for (const auto& shard : registered_shards(db))
        out.push_back(shard.db);
    return out;
}

ExtraHandles::ExtraHandles(const Xapian::Database& db, std::size_t wanted, bool open_new) {
    std::string path;
    try {
        db.get_revision();  // throws for anything but a single local database
        std::lock_guard<std::mutex> hold(registry_lock);
        auto found = directories().find(db.get_uuid());
        if (wanted == 0 || found == directories().end()) return;
        key_ = found->first;
        path = found->second;
    } catch (const Xapian::Error&) {
        return;
    }
    while (handles_.size() < wanted) {
        std::optional<Xapian::Database> spare;
        {
            std::lock_guard<std::mutex> hold(registry_lock);
            auto& spares = spare_handles()[key_];
            if (!spares.empty()) {
                spare = std::move(spares.back());
                spares.pop_back();
            }
        }
        bool fresh = !spare;
        if (fresh && !open_new) break;
        auto handle = handle_like(std::move(spare), path, db);
        if (handle) handles_.push_back(std::move(*handle));
        if (!handle && fresh) break;  // a new handle is at another revision: the files moved on
    }
}

ExtraHandles::~ExtraHandles() {
    if (handles_.empty()) return;
    std::lock_guard<std::mutex> hold(registry_lock);
    auto& spares = spare_handles()[key_];
    for (auto& handle : handles_)
        spares.push_back(std::move(handle));
}

void for_each_value(const Xapian::Database& db, Xapian::valueno slot,
                    const std::function<void(const std::string&)>& f) {
    for (const auto& shard : registered_shards(db)) {
        if (shard.remote) {
            spy_values(shard.db, slot, f);
            continue;
        }
        for (auto it = shard.db.valuestream_begin(slot); it != shard.db.valuestream_end(slot); ++it)
            f(*it);
    }
}

}  // namespace minutes
