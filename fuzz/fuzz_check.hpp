#pragma once
// FUZZ_CHECK(cond): an invariant of a fuzz target. When it does not hold, libFuzzer keeps the
// input that broke it (abort is a crash to libFuzzer) and the message names the condition.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                        \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                       \
        }                                                                                       \
    } while (0)
