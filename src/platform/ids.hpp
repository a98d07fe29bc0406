// Opaque identifiers and secret tokens.
#pragma once
#include <string>
#include <string_view>

namespace renkei {

// A new random identifier: 16 characters of lower-case base32 (80 bits). Never sequential,
// so ids in URLs reveal nothing about how many objects exist.
std::string NewId();
// A new secret token: 32 random bytes, base64url without padding.
std::string NewToken();
// Hex SHA-256 of a token: what the database stores instead of the token itself.
std::string TokenHash(std::string_view token);
// Constant-time comparison of two strings.
bool SecureEquals(std::string_view a, std::string_view b);
// True if `id` looks like one of ours (cheap guard before a lookup).
bool LooksLikeId(std::string_view id);

}  // namespace renkei
