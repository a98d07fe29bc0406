#include "platform/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace renkei::text {

std::string Normalize(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (!nfkc_cf) throw std::runtime_error("ICU NFKC_Casefold is unavailable");
    status = U_ZERO_ERROR;
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    icu::UnicodeString out = nfkc_cf->normalize(in, status);
    std::string result;
    if (U_FAILURE(status)) return std::string(utf8);
    out.toUTF8String(result);
    return result;
}

std::string SearchKey(std::string_view utf8) {
    std::string n = Normalize(utf8);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(n);
    for (int32_t i = 0; i < u.length(); ++i) {
        char16_t c = u.charAt(i);
        if (c >= 0x3041 && c <= 0x3096) u.setCharAt(i, char16_t(c + 0x60));  // hiragana -> katakana
    }
    std::string result;
    u.toUTF8String(result);
    return result;
}

}  // namespace renkei::text
