// Reading SOCI rows without caring how each engine types a column (SQLite's INTEGER is an
// int to SOCI, PostgreSQL's BIGINT a long long): ask for what the code means.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <string>

#include "platform/time.hpp"

namespace renkei::db {

long long GetInt(const soci::row& row, std::size_t column);
std::string GetString(const soci::row& row, std::size_t column);
std::optional<std::string> GetOptionalString(const soci::row& row, std::size_t column);
bool IsNull(const soci::row& row, std::size_t column);

// Binding an optional value: `Nullable n(opt); ... soci::use(n.value, n.ind)`.
struct Nullable {
    std::string value;
    soci::indicator ind;
    explicit Nullable(const std::optional<std::string>& v)
        : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
};
struct NullableTime {
    long long value;
    soci::indicator ind;
    explicit NullableTime(const std::optional<Seconds>& t)
        : value(t ? ToUnix(*t) : 0), ind(t ? soci::i_ok : soci::i_null) {}
};

}  // namespace renkei::db
