// Numbered schema migrations (migrations/NNNN_name.sql), compiled into the binary and
// recorded in the table schema_migrations, for both engines.
#pragma once
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace renkei::db {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};
const std::vector<Migration>& EmbeddedMigrations();

// Applies every migration not yet recorded, each in its own transaction, in order.
// Safe to run from several processes at once (PostgreSQL advisory lock; SQLite write lock).
// Returns the names of the migrations applied. Throws std::runtime_error on failure.
std::vector<std::string> Migrate(Database& db);
// The highest applied version, 0 for an empty database.
int CurrentVersion(Database& db);

// The dialect differences the migration files may use: AUTO_ID (an auto-increment primary key),
// BLOB_TYPE, and lines starting "--@postgresql " or "--@sqlite " that only that engine runs.
std::string TranslateForEngine(const std::string& sql, Engine engine);
std::vector<std::string> SplitStatements(const std::string& sql);

}  // namespace renkei::db
