// Copying short runs of bytes without a call: the per-event paths of the
// wire writer and of event text copy mostly short strings (names, paths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

// FALCOGEN_INLINE forces inlining where the compiler's heuristics would not, on
// the per-event paths: a generated layout's members() (the codec's per-member
// lambdas then compile into straight-line code), the decoder, event text.
#include "falcogen/detail/compiler.hpp"

namespace falcogen::detail {

// memcpy, out of line: the inline copies below call it past 32 bytes, and
// written inline there it makes g++ warn (-Wstringop-overread) wherever the
// source is a small array, although the size is known to fit.
void copy_large(void* to, const void* from, size_t n);

// Copies the first and the last K bytes of [src, src+n), K <= n <= 2K:
// together they cover all n bytes.
template <size_t K>
inline void copy_ends(uint8_t* out, const uint8_t* src, size_t n) {
    uint8_t head[K], tail[K];
    std::memcpy(head, src, K);
    std::memcpy(tail, src + n - K, K);
    std::memcpy(out, head, K);
    std::memcpy(out + n - K, tail, K);
}

// Copies n bytes. Strings in events are mostly short (names, paths): up to
// 32 bytes are copied inline with overlapping loads and stores, which beats
// calling memcpy (through the PLT) for each member on the per-event path
// (measured in bench/: generated sourcing against a hand-written plugin).
inline void copy_bytes(void* to, const void* data, size_t n) {
    auto* out = static_cast<uint8_t*>(to);
    const auto* src = static_cast<const uint8_t*>(data);
    if (n > 32) {
        copy_large(out, src, n);
    } else if (n >= 16) {
        copy_ends<16>(out, src, n);
    } else if (n >= 8) {
        copy_ends<8>(out, src, n);
    } else if (n >= 4) {
        copy_ends<4>(out, src, n);
    } else {
        for (size_t i = 0; i < n; ++i) out[i] = src[i];
    }
}

}  // namespace falcogen::detail
