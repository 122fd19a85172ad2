// Value types of layout members that the standard library lacks.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace falcogen {

// A view of raw bytes inside an event (or author memory when encoding).
struct ByteView {
    const uint8_t* data = nullptr;
    size_t size = 0;

    ByteView() = default;
    ByteView(const void* p, size_t n) : data(static_cast<const uint8_t*>(p)), size(n) {}
    bool operator==(const ByteView& o) const;
};

// IPv4 address, bytes in network order (as inet_pton writes them).
struct Ipv4 {
    std::array<uint8_t, 4> bytes{};
    bool operator==(const Ipv4& o) const { return bytes == o.bytes; }
};

// IPv6 address, bytes in network order.
struct Ipv6 {
    std::array<uint8_t, 16> bytes{};
    bool operator==(const Ipv6& o) const { return bytes == o.bytes; }
};

// Text forms used by the default event_to_string (appended to `out`).
void append_text(std::string& out, const Ipv4& v);
void append_text(std::string& out, const Ipv6& v);
void append_text(std::string& out, const ByteView& v);  // hex, shortened past 64 bytes

// Parses dotted-quad / RFC 4291 text; throws falcogen::Error on bad input.
Ipv4 parse_ipv4(const std::string& text);
Ipv6 parse_ipv6(const std::string& text);

}  // namespace falcogen
