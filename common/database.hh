// Where the database lives and how programs open it.
#pragma once

#include <string>

#include <xapian.h>

namespace minutes {

// The default database path: $MINUTES_DB, else $XDG_DATA_HOME/minutes/db,
// else ~/.local/share/minutes/db.
std::string default_db_path();

// Opens a database directory or a stub file listing several (local shards, remote ones)
// read-only. Throws Xapian::Error with a message that names the path.
Xapian::Database open_for_reading(const std::string& path);

}  // namespace minutes
