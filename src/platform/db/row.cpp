#include "platform/db/row.hpp"

namespace renkei::db {

bool IsNull(const soci::row& row, std::size_t column) { return row.get_indicator(column) == soci::i_null; }

long long GetInt(const soci::row& row, std::size_t column) {
    if (IsNull(row, column)) return 0;
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_integer:
            return row.get<int>(column);
        case soci::dt_long_long:
            return row.get<long long>(column);
        case soci::dt_unsigned_long_long:
            return static_cast<long long>(row.get<unsigned long long>(column));
        case soci::dt_double:
            return static_cast<long long>(row.get<double>(column));
        case soci::dt_string:
            return std::stoll(row.get<std::string>(column));
        default:
            throw soci::soci_error("column " + std::to_string(column) + " is not a number");
    }
}

std::string GetString(const soci::row& row, std::size_t column) {
    if (IsNull(row, column)) return {};
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_string:
            return row.get<std::string>(column);
        case soci::dt_integer:
            return std::to_string(row.get<int>(column));
        case soci::dt_long_long:
            return std::to_string(row.get<long long>(column));
        default:
            throw soci::soci_error("column " + std::to_string(column) + " is not text");
    }
}

std::optional<std::string> GetOptionalString(const soci::row& row, std::size_t column) {
    if (IsNull(row, column)) return std::nullopt;
    return GetString(row, column);
}

}  // namespace renkei::db
