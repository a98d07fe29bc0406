// Reading request bodies: every accessor names the field it rejects, so a client always
// learns which input was wrong (422 with `field`), and malformed JSON is a 400.
#pragma once
#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

namespace json = boost::json;

// Parses a request body that must be a JSON object; throws kBadRequest otherwise.
json::object ParseObject(std::string_view body);

// Required string: present, a string, trimmed non-empty, at most `max_chars` characters.
std::string RequiredString(const json::object& o, std::string_view field, size_t max_chars = 200);
// Optional string: absent → nullopt; null → "" ; otherwise like RequiredString but may be empty.
std::optional<std::string> OptionalString(const json::object& o, std::string_view field, size_t max_chars = 200);
std::optional<bool> OptionalBool(const json::object& o, std::string_view field);
// Required time: a string in RFC 3339 with its offset (2026-04-01T10:00:00+09:00).
std::chrono::sys_seconds RequiredTime(const json::object& o, std::string_view field);

// The one reader of whole numbers. A JSON integer, or a number without a fraction (3.0), within
// [min, max]; anything else — text, a fraction, 2^63 and beyond, a number out of range — is a 422
// naming `name` (the field itself unless given, e.g. the array "budgets" a row belongs to).
// Optional: absent → nullopt; null → nullopt when `null_is_absent`, otherwise refused.
std::optional<long long> OptionalInteger(const json::object& o, std::string_view field, long long min, long long max,
                                         std::string_view name = {}, bool null_is_absent = true);
// Required: absent or null → 422 "is required".
long long RequiredInteger(const json::object& o, std::string_view field, long long min, long long max,
                          std::string_view name = {});
// The same for text (a query parameter): optional sign and ASCII digits only, within [min, max].
long long IntegerText(std::string_view text, std::string_view name, long long min, long long max);
// Amounts of money in yen: up to 1,000 trillion (10^15), which every engine stores exactly.
constexpr long long kMaxYen = 1'000'000'000'000'000LL;
// A field a PATCH may clear: nullopt when absent (leave as is), an empty optional when null or
// "" (clear it), else the text (at most max_chars characters).
std::optional<std::optional<std::string>> NullableString(const json::object& o, std::string_view field,
                                                         size_t max_chars = 64);
std::optional<std::vector<std::string>> OptionalStringArray(const json::object& o, std::string_view field,
                                                            size_t max_items = 50, size_t max_chars = 200);
// The number of Unicode code points in UTF-8 text (user-facing length limits count characters).
size_t Utf8Length(std::string_view s);
// True if `s` is valid UTF-8 without control characters (newlines allowed when multiline).
bool CleanUtf8(std::string_view s, bool multiline);
std::string Trim(std::string_view s);

std::string Serialize(const json::value& v);

}  // namespace renkei
