// The falcogen layout wire format (docs/wire-format.md): one overload set per
// operation, so a layout member of any type encodes, decodes and sizes the
// same way in the generic codec (detail/layout.hpp).
//
//   size(v)        bytes v takes on the wire
//   put(out, v)    writes v at out, returns the position after it; callers
//                  size the buffer first, so the per-event encoder is a
//                  straight line of stores
//   Reader::get(v) reads v, checking the remaining length first; false when
//                  the input is truncated or malformed
//
// Byte order is the host's (little-endian on every platform Falco runs on),
// matching libscap, which copies parameters with memcpy too. Nothing is
// aligned: every access copies with memcpy. Decoding allocates nothing.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "falcogen/detail/copy.hpp"
#include "falcogen/types.hpp"

namespace falcogen::detail::wire {

// Bytes a layout's header takes: u16 tag + u16 member count.
constexpr size_t kLayoutHeaderSize = 4;

template <typename T>
using if_number = std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int>;

// ---- size ---------------------------------------------------------------------------

template <typename T, if_number<T> = 0>
constexpr size_t size(T) {
    return sizeof(T);
}
constexpr size_t size(bool) {
    return 1;
}
constexpr size_t size(AbsTime) {
    return 8;
}
constexpr size_t size(RelTime) {
    return 8;
}
constexpr size_t size(const Ipv4&) {
    return 4;
}
constexpr size_t size(const Ipv6&) {
    return 16;
}
// Strings: u32 length including a trailing NUL, the bytes, the NUL. The NUL
// lets extraction hand the host a C string pointing into the event.
inline size_t size(std::string_view s) {
    return 4 + s.size() + 1;
}
// Bytes: u32 length, the bytes.
inline size_t size(const ByteView& b) {
    return 4 + b.size;
}

// The fewest bytes a member of each type takes (its size, or the length prefix
// of a string or bytes, plus a string's NUL): what the decoder checks once.
template <typename T, if_number<T> = 0>
constexpr size_t min_size(const T&) {
    return sizeof(T);
}
constexpr size_t min_size(bool) {
    return 1;
}
constexpr size_t min_size(AbsTime) {
    return 8;
}
constexpr size_t min_size(RelTime) {
    return 8;
}
constexpr size_t min_size(const Ipv4&) {
    return 4;
}
constexpr size_t min_size(const Ipv6&) {
    return 16;
}
constexpr size_t min_size(std::string_view) {
    return 5;
}
constexpr size_t min_size(const ByteView&) {
    return 4;
}

// ---- put ----------------------------------------------------------------------------

template <typename T, if_number<T> = 0>
inline uint8_t* put(uint8_t* out, T v) {
    std::memcpy(out, &v, sizeof(T));
    return out + sizeof(T);
}
inline uint8_t* put(uint8_t* out, bool v) {
    *out = v ? 1 : 0;
    return out + 1;
}
inline uint8_t* put(uint8_t* out, AbsTime v) {
    return put(out, v.ns);
}
inline uint8_t* put(uint8_t* out, RelTime v) {
    return put(out, v.ns);
}
inline uint8_t* put(uint8_t* out, const Ipv4& v) {
    std::memcpy(out, v.bytes.data(), 4);
    return out + 4;
}
inline uint8_t* put(uint8_t* out, const Ipv6& v) {
    std::memcpy(out, v.bytes.data(), 16);
    return out + 16;
}
inline uint8_t* put(uint8_t* out, std::string_view s) {
    out = put(out, static_cast<uint32_t>(s.size() + 1));
    copy_bytes(out, s.data(), s.size());
    out[s.size()] = 0;
    return out + s.size() + 1;
}
inline uint8_t* put(uint8_t* out, const ByteView& b) {
    out = put(out, static_cast<uint32_t>(b.size));
    copy_bytes(out, b.data, b.size);
    return out + b.size;
}

// ---- Reader -------------------------------------------------------------------------

class Reader {
public:
    Reader(const uint8_t* data, size_t size) : pos_(data), end_(data + size) {}

    size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
    const uint8_t* position() const { return pos_; }

    template <typename T, if_number<T> = 0>
    bool get(T& v) {
        return get_raw(&v, sizeof(T));
    }
    // Only 0 and 1 are valid: anything else marks a corrupt event.
    bool get(bool& v) {
        uint8_t b;
        if (!get(b) || b > 1) return false;
        v = b == 1;
        return true;
    }
    bool get(AbsTime& v) { return get(v.ns); }
    bool get(RelTime& v) { return get(v.ns); }
    bool get(Ipv4& v) { return get_raw(v.bytes.data(), 4); }
    bool get(Ipv6& v) { return get_raw(v.bytes.data(), 16); }
    // The view excludes the trailing NUL, which must be there.
    bool get(std::string_view& v) {
        uint32_t n;
        if (!get(n) || n == 0 || remaining() < n || pos_[n - 1] != 0) return false;
        v = std::string_view(reinterpret_cast<const char*>(pos_), n - 1);
        pos_ += n;
        return true;
    }
    bool get(ByteView& v) {
        uint32_t n;
        if (!get(n) || remaining() < n) return false;
        v = ByteView(pos_, n);
        pos_ += n;
        return true;
    }

    // Reads v, `reserve` bytes having to remain after it for the members that
    // follow; the caller has checked that min_size(v) + reserve bytes remain,
    // so only what a length prefix says is checked.
    template <typename T, if_number<T> = 0>
    bool get_reserving(T& v, size_t) {
        std::memcpy(&v, pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    bool get_reserving(bool& v, size_t) {
        const uint8_t b = *pos_++;
        v = b == 1;
        return b <= 1;
    }
    bool get_reserving(AbsTime& v, size_t reserve) { return get_reserving(v.ns, reserve); }
    bool get_reserving(RelTime& v, size_t reserve) { return get_reserving(v.ns, reserve); }
    bool get_reserving(Ipv4& v, size_t) { return copy_out(v.bytes.data(), 4); }
    bool get_reserving(Ipv6& v, size_t) { return copy_out(v.bytes.data(), 16); }
    bool get_reserving(std::string_view& v, size_t reserve) {
        uint32_t n;
        get_reserving(n, reserve);
        // n >= 1 and its NUL already counted in the reserve checked before.
        // n - 1 wraps to 2^32 - 1 for n == 0, which no event's bytes reach:
        // one comparison checks both.
        const uint32_t last = n - 1;
        if (last >= remaining() - reserve || pos_[last] != 0) return false;
        v = std::string_view(reinterpret_cast<const char*>(pos_), n - 1);
        pos_ += n;
        return true;
    }
    bool get_reserving(ByteView& v, size_t reserve) {
        uint32_t n;
        get_reserving(n, reserve);
        if (remaining() - reserve < n) return false;
        v = ByteView(pos_, n);
        pos_ += n;
        return true;
    }

private:
    bool copy_out(uint8_t* dst, size_t n) {
        std::memcpy(dst, pos_, n);
        pos_ += n;
        return true;
    }
    bool get_raw(void* dst, size_t n) {
        if (remaining() < n) return false;
        std::memcpy(dst, pos_, n);
        pos_ += n;
        return true;
    }

    const uint8_t* pos_;
    const uint8_t* end_;
};

// The layout header at the start of event_data.
struct LayoutHeader {
    uint16_t tag = 0;
    uint16_t member_count = 0;
};

// Reads the header; returns nullptr or a static error message.
inline const char* read_layout_header(Reader& in, LayoutHeader& h) {
    if (!in.get(h.tag) || !in.get(h.member_count)) return "truncated layout header (needs 4 bytes)";
    if (h.tag == 0) return "invalid layout tag 0";
    return nullptr;
}

// Where a member's value starts inside its encoding, and its length, for the
// value offsets of extraction (API 3.11): strings skip their length prefix
// and exclude the NUL.
struct ValueSpan {
    uint32_t skip;
    uint32_t length;
};
template <typename T>
constexpr ValueSpan value_span(const T& v) {
    return {0, static_cast<uint32_t>(size(v))};
}
inline ValueSpan value_span(std::string_view s) {
    return {4, static_cast<uint32_t>(s.size())};
}

}  // namespace falcogen::detail::wire
