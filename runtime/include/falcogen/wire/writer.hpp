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

// Strings: u32 length including a trailing NUL, the bytes, the NUL. The NUL
// lets extraction hand the host a C string pointing into the event.
inline size_t string_size(std::string_view s) { return 4 + s.size() + 1; }
inline uint8_t* put_string(uint8_t* out, std::string_view s) {
    out = put<uint32_t>(out, static_cast<uint32_t>(s.size() + 1));
    if (!s.empty()) std::memcpy(out, s.data(), s.size());
    out[s.size()] = 0;
    return out + s.size() + 1;
}

// Bytes: u32 length, the bytes.
inline size_t bytes_size(const ByteView& b) { return 4 + b.size; }
inline uint8_t* put_bytes(uint8_t* out, const ByteView& b) {
    out = put<uint32_t>(out, static_cast<uint32_t>(b.size));
    if (b.size != 0) std::memcpy(out, b.data, b.size);
    return out + b.size;
}

}  // namespace falcogen::wire
