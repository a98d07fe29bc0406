// Reading SOCI rows without caring how each engine types a column (SQLite's INTEGER is an
// int to SOCI, PostgreSQL's BIGINT a long long): ask for what the code means.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

namespace renkei::db {

long long GetInt(const soci::row& row, std::size_t column);
std::string GetString(const soci::row& row, std::size_t column);
std::optional<std::string> GetOptionalString(const soci::row& row, std::size_t column);
bool IsNull(const soci::row& row, std::size_t column);

}  // namespace renkei::db
