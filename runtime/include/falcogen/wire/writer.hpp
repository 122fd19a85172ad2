// Encoding primitives of the falcogen layout wire format (docs/wire-format.md).
//
// Each put_* writes at `out` and returns the position after what it wrote.
// Callers size the buffer first with the matching *_size, so these never
// check bounds; that keeps the per-event encoder a straight line of stores.
// Byte order is the host's (little-endian on every platform Falco runs on),
// matching libscap, which copies parameters with memcpy too.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "falcogen/wire/types.hpp"

namespace falcogen::wire {

// Bytes a layout's header takes: u16 tag + u16 member count.
constexpr size_t kLayoutHeaderSize = 4;

template <typename T>
inline uint8_t* put(uint8_t* out, T v) {
    std::memcpy(out, &v, sizeof(T));
    return out + sizeof(T);
}
inline uint8_t* put_bool(uint8_t* out, bool v) {
    *out = v ? 1 : 0;
    return out + 1;
}
inline uint8_t* put_ipv4(uint8_t* out, const Ipv4& v) {
    std::memcpy(out, v.bytes.data(), 4);
    return out + 4;
}
inline uint8_t* put_ipv6(uint8_t* out, const Ipv6& v) {
    std::memcpy(out, v.bytes.data(), 16);
    return out + 16;
}

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
inline void copy_bytes(uint8_t* out, const void* data, size_t n) {
    const auto* src = static_cast<const uint8_t*>(data);
    if (n > 32) {
        std::memcpy(out, src, n);
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

// Strings: u32 length including a trailing NUL, the bytes, the NUL. The NUL
// lets extraction hand the host a C string pointing into the event.
inline size_t string_size(std::string_view s) { return 4 + s.size() + 1; }
inline uint8_t* put_string(uint8_t* out, std::string_view s) {
    out = put<uint32_t>(out, static_cast<uint32_t>(s.size() + 1));
    copy_bytes(out, s.data(), s.size());
    out[s.size()] = 0;
    return out + s.size() + 1;
}

// Bytes: u32 length, the bytes.
inline size_t bytes_size(const ByteView& b) { return 4 + b.size; }
inline uint8_t* put_bytes(uint8_t* out, const ByteView& b) {
    out = put<uint32_t>(out, static_cast<uint32_t>(b.size));
    copy_bytes(out, b.data, b.size);
    return out + b.size;
}

}  // namespace falcogen::wire
