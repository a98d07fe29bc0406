// Text normalisation for search and comparison: ICU NFKC with case folding, so that
// full-width and half-width forms (ＡＢＣ / ABC, ｶﾀｶﾅ / カタカナ) and case compare equal.
#pragma once
#include <string>
#include <string_view>

namespace renkei::text {

std::string Normalize(std::string_view utf8);
// Normalize, then hiragana folded to katakana (so a kana reading matches either script).
std::string SearchKey(std::string_view utf8);

}  // namespace renkei::text
