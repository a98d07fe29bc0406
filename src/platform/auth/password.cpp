#include "platform/auth/password.hpp"

#include <sodium.h>

#include <cstdlib>
#include <stdexcept>

#include "platform/ids.hpp"

namespace renkei::auth {

namespace {

struct Cost {
    unsigned long long ops;
    size_t memory;
};

// argon2id's interactive cost (about 0.15 s and 64 MiB here). A build configured with
// RENKEI_TEST_KNOBS (the test and debug presets, never the release build that ./run serves)
// lets the API tests ask for libsodium's minimum with RENKEI_TEST_CHEAP_PASSWORD_HASHES=1, so a
// test that signs in eight people does not spend seconds hashing; the hashes stay argon2id
// strings and verify the same way.
Cost HashCost() {
#ifdef RENKEI_TEST_KNOBS
    static const bool cheap = [] {
        const char* v = std::getenv("RENKEI_TEST_CHEAP_PASSWORD_HASHES");
        return v && std::string_view(v) == "1";
    }();
    if (cheap) return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
#endif
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

std::string HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    auto cost = HashCost();
    if (crypto_pwhash_str(out, password.data(), password.size(), cost.ops, cost.memory) != 0)
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
