#include "platform/json.hpp"

#include <charconv>
#include <cmath>

#include "platform/error.hpp"
#include "platform/time.hpp"

namespace renkei {

json::object ParseObject(std::string_view body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) throw Error{ErrorCode::kBadRequest, "", "request body is not valid JSON"};
    if (!v.is_object()) throw Error{ErrorCode::kBadRequest, "", "request body must be a JSON object"};
    return std::move(v.as_object());
}

std::optional<std::optional<std::string>> NullableString(const json::object& o, std::string_view field,
                                                         size_t max_chars) {
    auto it = o.find(field);
    if (it == o.end()) return std::nullopt;
    if (it->value().is_null()) return std::optional<std::string>{};
    auto v = OptionalString(o, field, max_chars);
    if (!v || v->empty()) return std::optional<std::string>{};
    return std::optional<std::string>{*v};
}

size_t Utf8Length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool CleanUtf8(std::string_view s, bool multiline) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        // Shortest form only (no overlong "\xC0\xAE" for '.'), no surrogates, nothing past U+10FFFF.
        if (len > 1) {
            unsigned char c1 = s[i + 1];
            if (c == 0xC0 || c == 0xC1 || c > 0xF4) return false;
            if (c == 0xE0 && c1 < 0xA0) return false;
            if (c == 0xED && c1 >= 0xA0) return false;
            if (c == 0xF0 && c1 < 0x90) return false;
            if (c == 0xF4 && c1 >= 0x90) return false;
        }
        if (len == 1 && (c < 0x20 || c == 0x7F) && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return false;
        i += len;
    }
    return true;
}

std::string Trim(std::string_view s) {
    // ASCII whitespace and the ideographic space (U+3000, common in Japanese input), in any mix:
    // " \u3000 " is blank, so a required field of only spaces stays refused.
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (true) {
        if (!s.empty() && is_space(s.front()))
            s.remove_prefix(1);
        else if (s.starts_with(kIdeographicSpace))
            s.remove_prefix(kIdeographicSpace.size());
        else
            break;
    }
    while (true) {
        if (!s.empty() && is_space(s.back()))
            s.remove_suffix(1);
        else if (s.ends_with(kIdeographicSpace))
            s.remove_suffix(kIdeographicSpace.size());
        else
            break;
    }
    return std::string(s);
}

static std::string CheckedString(const json::value& v, std::string_view field, size_t max_chars, bool allow_empty) {
    if (!v.is_string()) throw Invalid(std::string(field), std::string(field) + " must be a string");
    std::string s = Trim(v.as_string());
    if (!CleanUtf8(s, max_chars > 200))
        throw Invalid(std::string(field), std::string(field) + " contains invalid characters");
    if (!allow_empty && s.empty()) throw Invalid(std::string(field), std::string(field) + " is required");
    if (Utf8Length(s) > max_chars)
        throw Invalid(std::string(field),
                      std::string(field) + " is too long (at most " + std::to_string(max_chars) + " characters)");
    return s;
}

std::string RequiredString(const json::object& o, std::string_view field, size_t max_chars) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) throw Invalid(std::string(field), std::string(field) + " is required");
    return CheckedString(it->value(), field, max_chars, false);
}

std::optional<std::string> OptionalString(const json::object& o, std::string_view field, size_t max_chars) {
    auto it = o.find(field);
    if (it == o.end()) return std::nullopt;
    if (it->value().is_null()) return std::string();
    return CheckedString(it->value(), field, max_chars, true);
}

std::optional<bool> OptionalBool(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    if (it == o.end()) return std::nullopt;
    if (!it->value().is_bool()) throw Invalid(std::string(field), std::string(field) + " must be true or false");
    return it->value().as_bool();
}

namespace {

[[noreturn]] void NotInRange(std::string_view name, long long min, long long max) {
    throw Invalid(std::string(name), std::string(name) + " must be a whole number from " + std::to_string(min) +
                                         " to " + std::to_string(max));
}

long long CheckedInteger(const json::value& v, std::string_view name, long long min, long long max) {
    long long n = 0;
    if (v.is_int64()) {
        n = v.as_int64();
    } else if (v.is_uint64()) {  // 2^63 and above
        if (max < 0 || v.as_uint64() > static_cast<std::uint64_t>(max)) NotInRange(name, min, max);
        n = static_cast<long long>(v.as_uint64());
    } else if (v.is_double()) {
        double d = v.as_double();
        // Converting a double outside long long's [-2^63, 2^63) is undefined, so that range is
        // checked first with exact powers of two (LLONG_MAX as a double rounds up to 2^63).
        constexpr double kTwoTo63 = 9223372036854775808.0;
        if (!std::isfinite(d) || d != std::trunc(d) || d < -kTwoTo63 || d >= kTwoTo63) NotInRange(name, min, max);
        n = static_cast<long long>(d);
    } else {
        NotInRange(name, min, max);
    }
    if (n < min || n > max) NotInRange(name, min, max);
    return n;
}

}  // namespace

std::optional<long long> OptionalInteger(const json::object& o, std::string_view field, long long min, long long max,
                                         std::string_view name, bool null_is_absent) {
    if (name.empty()) name = field;
    auto it = o.find(field);
    if (it == o.end() || (it->value().is_null() && null_is_absent)) return std::nullopt;
    return CheckedInteger(it->value(), name, min, max);
}

long long RequiredInteger(const json::object& o, std::string_view field, long long min, long long max,
                          std::string_view name) {
    if (name.empty()) name = field;
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) throw Invalid(std::string(name), std::string(name) + " is required");
    return CheckedInteger(it->value(), name, min, max);
}

long long IntegerText(std::string_view text, std::string_view name, long long min, long long max) {
    long long n = 0;
    std::string_view digits = text.substr(!text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) NotInRange(name, min, max);
    if (text[0] == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max) NotInRange(name, min, max);
    return n;
}

std::optional<std::vector<std::string>> OptionalStringArray(const json::object& o, std::string_view field,
                                                            size_t max_items, size_t max_chars) {
    auto it = o.find(field);
    if (it == o.end()) return std::nullopt;
    if (!it->value().is_array()) throw Invalid(std::string(field), std::string(field) + " must be a list");
    const auto& a = it->value().as_array();
    if (a.size() > max_items) throw Invalid(std::string(field), std::string(field) + " has too many items");
    std::vector<std::string> out;
    for (const auto& item : a) out.push_back(CheckedString(item, field, max_chars, false));
    return out;
}

std::string Serialize(const json::value& v) { return json::serialize(v); }

std::chrono::sys_seconds RequiredTime(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    std::string name(field);
    if (it == o.end() || it->value().is_null() || (it->value().is_string() && it->value().as_string().empty()))
        throw Invalid(name, name + " is required");
    auto t = it->value().is_string() && it->value().as_string().size() <= 40
                 ? ParseRfc3339(std::string_view(it->value().as_string()))
                 : std::nullopt;
    if (!t) throw Invalid(name, name + " must be an RFC 3339 time, e.g. 2026-04-01T10:00:00+09:00");
    return *t;
}

}  // namespace renkei
