// Reading SOCI rows without caring how each engine types a column (SQLite's INTEGER is an
// int to SOCI, PostgreSQL's BIGINT a long long): ask for what the code means.
#pragma once
#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "platform/enum_text.hpp"
#include "platform/time.hpp"

namespace renkei::db {

long long GetInt(const soci::row& row, std::size_t column);
std::string GetString(const soci::row& row, std::size_t column);
std::optional<std::string> GetOptionalString(const soci::row& row, std::size_t column);
bool IsNull(const soci::row& row, std::size_t column);

// A status or kind as stored: text that names none of E's values is a broken row, not a client's
// mistake (std::runtime_error, a 500).
template <typename E>
E StoredEnum(const std::string& text) {
    auto value = FromText<E>(text);
    if (!value) throw std::runtime_error("unknown value '" + text + "' in the database");
    return *value;
}
template <typename E>
E ReadEnum(const soci::row& row, std::size_t column) {
    return StoredEnum<E>(GetString(row, column));
}

// Binding an optional value: `Nullable n(opt); ... soci::use(n.value, n.ind)`.
struct Nullable {
    std::string value;
    soci::indicator ind;
    explicit Nullable(const std::optional<std::string>& v)
        : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
};
struct NullableInt {
    int value;
    soci::indicator ind;
    explicit NullableInt(const std::optional<int>& v) : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
};
struct NullableTime {
    long long value;
    soci::indicator ind;
    explicit NullableTime(const std::optional<Seconds>& t)
        : value(t ? ToUnix(*t) : 0), ind(t ? soci::i_ok : soci::i_null) {}
};

}  // namespace renkei::db
