#include "platform/text/utf8.hpp"

#include "platform/json.hpp"

namespace renkei::text {

char32_t NextCodePoint(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = CodePointBytes(c);
    if (len > 1 && i + len > s.size()) len = 1;
    if (len == 1) {
        ++i;
        return c < 0x80 ? c : 0xFFFD;
    }
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

std::vector<std::string_view> SplitCodePoints(std::string_view s) {
    std::vector<std::string_view> out;
    for (size_t i = 0; i < s.size();) {
        size_t start = i;
        NextCodePoint(s, i);
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::string Utf8(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string Utf8Prefix(std::string_view s, size_t n) {
    size_t i = 0, count = 0;
    while (i < s.size() && count < n) {
        i += CodePointBytes(static_cast<unsigned char>(s[i]));
        ++count;
    }
    return std::string(s.substr(0, std::min(i, s.size())));
}

std::string Utf8Ellipsis(std::string_view s, size_t max) {
    if (Utf8Length(s) <= max) return std::string(s);
    return Utf8Prefix(s, max == 0 ? 0 : max - 1) + "…";
}

}  // namespace renkei::text
