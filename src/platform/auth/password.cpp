#include "platform/auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "platform/ids.hpp"

namespace renkei::auth {

std::string HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyHash() {
    static const std::string hash = HashPassword(NewToken());
    return hash;
}

}  // namespace renkei::auth
