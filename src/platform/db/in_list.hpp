// Binding a list of values into `... IN (...)`: the values are bound, never written into the SQL.
#pragma once
#include <cstddef>
#include <string>

namespace renkei::db {

// At most this many values in one IN list, well below the engines' limits on bound parameters
// (SQLite 32766, PostgreSQL 65535); longer lists are read in chunks of this size.
inline constexpr size_t kInListChunk = 500;

// " (:p0, :p1, ...)" for n parameters (n > 0).
inline std::string InList(size_t n) {
    std::string sql = " (";
    for (size_t i = 0; i < n; ++i) sql += (i ? ", :p" : ":p") + std::to_string(i);
    return sql + ")";
}

}  // namespace renkei::db
