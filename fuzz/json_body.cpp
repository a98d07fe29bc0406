// Fuzz target: the JSON body readers of src/platform/json.hpp, as a route uses them on a request
// body: ParseObject, then RequiredString / OptionalString (one-line and multi-line limits),
// OptionalBool and OptionalStringArray on the fields the API reads and on every field present;
// and CleanUtf8, Utf8Length and Trim on the raw bytes. The whole-number readers (OptionalInteger,
// RequiredInteger, IntegerText) too, once platform/json.hpp declares them (fuzz/CMakeLists.txt).
//
// Checked beyond "no crash, no UB": the readers throw only renkei::Error — kBadRequest from
// ParseObject, kInvalid naming the field from the accessors — never another exception (that
// would be a 500); a string they return is trimmed, clean UTF-8 and within its limit; CleanUtf8
// agrees with an independent UTF-8 decoder (shortest form, no surrogates, at most U+10FFFF, no
// control characters but \t \n \r when multi-line), and Utf8Length counts its code points.
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "platform/error.hpp"
#include "platform/json.hpp"

using namespace renkei;

namespace {

// Decodes UTF-8 by the book (Unicode 15, table 3-7); nullopt when ill-formed.
std::optional<std::vector<char32_t>> Decode(std::string_view s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        char32_t cp;
        size_t len;
        if (c < 0x80)
            cp = c, len = 1;
        else if (c >= 0xC2 && c <= 0xDF)
            cp = c & 0x1F, len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            cp = c & 0x0F, len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            cp = c & 0x07, len = 4;
        else
            return std::nullopt;
        if (i + len > s.size()) return std::nullopt;
        for (size_t k = 1; k < len; ++k) {
            unsigned char t = s[i + k];
            if ((t & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (t & 0x3F);
        }
        static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        out.push_back(cp);
        i += len;
    }
    return out;
}

bool ReferenceClean(std::string_view s, bool multiline) {
    auto cps = Decode(s);
    if (!cps) return false;
    for (char32_t cp : *cps)
        if ((cp < 0x20 || cp == 0x7F) && !(multiline && (cp == '\n' || cp == '\t' || cp == '\r'))) return false;
    return true;
}

void CheckText(std::string_view s) {
    for (bool multiline : {false, true}) FUZZ_CHECK(CleanUtf8(s, multiline) == ReferenceClean(s, multiline));
    FUZZ_CHECK(Utf8Length(s) <= s.size());
    if (auto cps = Decode(s)) FUZZ_CHECK(Utf8Length(s) == cps->size());
    std::string t = Trim(s);
    FUZZ_CHECK(t.size() <= s.size());
    FUZZ_CHECK(s.find(t) != std::string_view::npos);
    FUZZ_CHECK(Trim(t) == t);
}

// A string a reader returned: as RequiredString/OptionalString promise.
void CheckReturned(const std::string& s, size_t max_chars, bool required) {
    FUZZ_CHECK(CleanUtf8(s, max_chars > 200));
    FUZZ_CHECK(Utf8Length(s) <= max_chars);
    FUZZ_CHECK(Trim(s) == s);
    if (required) FUZZ_CHECK(!s.empty());
}

// Runs one reader: it returns, or throws Error{kInvalid} naming `field`; anything else aborts.
template <typename F>
void Read(std::string_view field, F&& f) {
    try {
        f();
    } catch (const Error& e) {
        FUZZ_CHECK(e.code() == ErrorCode::kInvalid);
        FUZZ_CHECK(e.field() == field);
    }
}

void ReadField(const json::object& o, std::string_view field) {
    for (size_t max_chars : {size_t{1}, size_t{20}, size_t{200}, size_t{4000}}) {
        Read(field, [&] { CheckReturned(RequiredString(o, field, max_chars), max_chars, true); });
        Read(field, [&] {
            if (auto s = OptionalString(o, field, max_chars))
                CheckReturned(*s, max_chars, false);
            else
                FUZZ_CHECK(!o.contains(field));
        });
    }
    Read(field, [&] {
        auto b = OptionalBool(o, field);
        FUZZ_CHECK(b.has_value() == o.contains(field));
    });
    for (size_t max_items : {size_t{0}, size_t{3}, size_t{50}}) {
        Read(field, [&] {
            auto list = OptionalStringArray(o, field, max_items, 200);
            FUZZ_CHECK(list.has_value() == o.contains(field));
            if (!list) return;
            FUZZ_CHECK(list->size() <= max_items);
            for (const auto& s : *list) CheckReturned(s, 200, true);
        });
    }
}

#ifdef RENKEI_FUZZ_INTEGER_READERS
// The whole-number readers: a value is returned only within [min, max] and exactly as the JSON
// number (an integer, or a double without a fraction) or the text (sign and ASCII digits) says.
constexpr std::pair<long long, long long> kRanges[] = {
    {0, 100},      {1, 12}, {2000, 2100}, {-100, -1}, {0, kMaxYen}, {-kMaxYen, kMaxYen}, {LLONG_MIN, LLONG_MAX},
    {0, LLONG_MAX}};

std::optional<long long> ReferenceInteger(const json::value& v, long long min, long long max) {
    __int128 n;
    if (v.is_int64())
        n = v.as_int64();
    else if (v.is_uint64())
        n = v.as_uint64();
    else if (v.is_double()) {
        long double d = v.as_double();
        if (!std::isfinite(d) || d != std::trunc(d) || d < -1e20L || d > 1e20L) return std::nullopt;
        n = static_cast<__int128>(d);
    } else
        return std::nullopt;
    if (n < min || n > max) return std::nullopt;
    return static_cast<long long>(n);
}

std::optional<long long> ReferenceText(std::string_view t, long long min, long long max) {
    bool negative = !t.empty() && t[0] == '-';
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
    if (t.empty()) return std::nullopt;
    __int128 n = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
        if (n > (static_cast<__int128>(1) << 64)) return std::nullopt;
    }
    if (negative) n = -n;
    if (n < min || n > max) return std::nullopt;
    return static_cast<long long>(n);
}

void ReadIntegers(const json::object& o, std::string_view field) {
    auto it = o.find(field);
    for (const auto& range : kRanges) {
        const long long min = range.first, max = range.second;  // (clang 14 lambdas cannot capture bindings)
        Read(field, [&] {
            auto n = OptionalInteger(o, field, min, max);
            if (it == o.end() || it->value().is_null())
                FUZZ_CHECK(!n);
            else
                FUZZ_CHECK(n == ReferenceInteger(it->value(), min, max));
        });
        Read(field, [&] {
            long long n = RequiredInteger(o, field, min, max);
            FUZZ_CHECK(it != o.end() && ReferenceInteger(it->value(), min, max) == n);
        });
        if (it != o.end() && it->value().is_string()) {
            std::string_view text = it->value().as_string();
            Read(field, [&] { FUZZ_CHECK(ReferenceText(text, min, max) == IntegerText(text, field, min, max)); });
        }
    }
}

void ReadIntegerText(std::string_view text) {
    for (const auto& range : kRanges) {
        const long long min = range.first, max = range.second;  // (clang 14 lambdas cannot capture bindings)
        std::optional<long long> got;
        Read("n", [&] { got = IntegerText(text, "n", min, max); });
        FUZZ_CHECK(got == ReferenceText(text, min, max));
    }
}
#endif

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    CheckText(body);
#ifdef RENKEI_FUZZ_INTEGER_READERS
    if (size <= 32) ReadIntegerText(body);  // as a query parameter
#endif
    json::object o;
    try {
        o = ParseObject(body);
    } catch (const Error& e) {
        FUZZ_CHECK(e.code() == ErrorCode::kBadRequest);
        return 0;
    }
    for (std::string_view field : {"title", "description", "name", "email", "tags", "public", "note", "roles"})
        ReadField(o, field);
    size_t n = 0;
    for (const auto& kv : o) {
        ReadField(o, kv.key());
#ifdef RENKEI_FUZZ_INTEGER_READERS
        ReadIntegers(o, kv.key());
#endif
        CheckText(kv.key());
        if (kv.value().is_string()) CheckText(kv.value().as_string());
        if (++n == 16) break;
    }
    return 0;
}
