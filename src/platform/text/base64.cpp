#include "platform/text/base64.hpp"

#include <sodium.h>

#include <cstring>

#include "platform/error.hpp"

namespace renkei::text {

std::string ToBase64(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
    std::string out(text.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string DecodeStored(std::string_view text, std::string_view what) {
    auto bytes = FromBase64(text);
    if (!bytes) throw Error{ErrorCode::kInternal, "", "stored " + std::string(what) + " is damaged"};
    return std::move(*bytes);
}

}  // namespace renkei::text
