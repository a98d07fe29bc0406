// Password hashing with argon2id (libsodium). Hashes are self-describing strings
// ($argon2id$v=19$m=...), so parameters can be raised later without breaking old hashes.
#pragma once
#include <string>
#include <string_view>

namespace renkei::auth {

// Minimum length for a password anyone chooses (characters, not bytes).
constexpr size_t kMinPasswordLength = 8;

std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);
// A hash of a random password: compared against when the e-mail is unknown, so that a
// failed login takes as long whether or not the account exists.
const std::string& DummyHash();

}  // namespace renkei::auth
