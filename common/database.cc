#include "database.hh"

#include <cstdlib>
#include <filesystem>

namespace minutes {

std::string default_db_path() {
    if (const char* db = std::getenv("MINUTES_DB"); db && *db) return db;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return std::string(data) + "/minutes/db";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/minutes/db";
}

Xapian::Database open_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Xapian::DatabaseNotFoundError("no database at " + path +
                                            " (run minutes-index first, or pass --db)");
    try {
        return Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Xapian::DatabaseOpeningError("cannot open database " + path + ": " + e.get_msg());
    }
}

}  // namespace minutes
