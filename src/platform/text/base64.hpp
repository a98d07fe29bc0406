// Base64 (RFC 4648, standard alphabet with padding) through libsodium: how files kept in the
// database (document versions, contract templates) are stored as text.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace renkei::text {

std::string ToBase64(std::string_view bytes);
// nullopt when `text` is not Base64.
std::optional<std::string> FromBase64(std::string_view text);
// For what Renkei stored itself: text that is not Base64 is damage, a 500 saying "stored <what> is damaged".
std::string DecodeStored(std::string_view text, std::string_view what);

}  // namespace renkei::text
