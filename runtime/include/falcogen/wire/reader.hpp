// Bounds-checked decoding of the falcogen layout wire format.
//
// Every read checks the remaining length first and copies with memcpy (event
// data is not aligned), so a truncated or hostile event can never make the
// decoder read past its end. Errors are static strings: decoding allocates
// nothing.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "falcogen/wire/types.hpp"

namespace falcogen::wire {

class Reader {
public:
    Reader(const uint8_t* data, size_t size) : pos_(data), end_(data + size) {}

    size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
    const uint8_t* position() const { return pos_; }

    template <typename T>
    bool get(T& v) {
        if (remaining() < sizeof(T)) return false;
        std::memcpy(&v, pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    // Only 0 and 1 are valid: anything else marks a corrupt event.
    bool get_bool(bool& v) {
        uint8_t b;
        if (!get(b) || b > 1) return false;
        v = b == 1;
        return true;
    }
    bool get_ipv4(Ipv4& v) { return get_raw(v.bytes.data(), 4); }
    bool get_ipv6(Ipv6& v) { return get_raw(v.bytes.data(), 16); }

    // The view excludes the trailing NUL, which must be there.
    bool get_string(std::string_view& v) {
        uint32_t n;
        if (!get(n) || n == 0 || remaining() < n || pos_[n - 1] != 0) return false;
        v = std::string_view(reinterpret_cast<const char*>(pos_), n - 1);
        pos_ += n;
        return true;
    }
    bool get_bytes(ByteView& v) {
        uint32_t n;
        if (!get(n) || remaining() < n) return false;
        v = ByteView(pos_, n);
        pos_ += n;
        return true;
    }

private:
    bool get_raw(uint8_t* dst, size_t n) {
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

}  // namespace falcogen::wire
