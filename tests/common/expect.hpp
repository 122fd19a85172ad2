// EXPECT for tests that check from several threads (doctest's checks are not
// thread-safe): a failed check prints where and why, and counts.
#pragma once

#include <atomic>
#include <cstdio>

namespace testing_expect {
inline std::atomic<int> failures{0};
}  // namespace testing_expect

#define EXPECT(cond, ...)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            std::fprintf(stderr, "FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__);                                     \
            std::fprintf(stderr, "\n");                                            \
            ++testing_expect::failures;                                            \
        }                                                                          \
    } while (0)
