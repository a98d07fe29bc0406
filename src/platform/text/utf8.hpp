// Walking UTF-8 text by code point: lengths and cuts that never split a character.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::text {

// Bytes of the character whose first byte is `lead` (1 for ASCII and for a stray byte).
inline size_t CodePointBytes(unsigned char lead) {
    return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
}
// Decodes the code point at `i` and advances `i`; an invalid or cut-off sequence is one U+FFFD.
char32_t NextCodePoint(std::string_view s, size_t& i);
// The characters of UTF-8 text, each the bytes of one code point as a view into `s` (a stray or
// cut-off byte on its own, as NextCodePoint reads it).
std::vector<std::string_view> SplitCodePoints(std::string_view s);
// The code point as UTF-8.
std::string Utf8(char32_t cp);
// The first `n` characters (code points) of UTF-8 text.
std::string Utf8Prefix(std::string_view s, size_t n);
// `s` cut to at most `max` characters, ending in "…" when it was cut.
std::string Utf8Ellipsis(std::string_view s, size_t max);

}  // namespace renkei::text
