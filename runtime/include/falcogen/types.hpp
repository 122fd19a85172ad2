// Value types of layout members and field values that the standard library
// lacks. Each is its own type, so the runtime picks how to encode, decode,
// print and extract a value by overloading on it (one overload set per
// operation), never by a type switch in generated code.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "falcogen/abi/plugin_api.h"

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

// A point in time, in ns since the epoch (layout members of type abstime).
// Converts to and from uint64_t, so `Login{now_ns, ...}` and `e.time > t`
// read as before; as a type of its own it prints as a date.
struct AbsTime {
    uint64_t ns = 0;
    constexpr AbsTime() = default;
    constexpr AbsTime(uint64_t v) : ns(v) {}  // NOLINT: implicit on purpose
    constexpr operator uint64_t() const { return ns; }
};

// A duration in ns (layout members of type reltime); prints as "<n>ns".
struct RelTime {
    uint64_t ns = 0;
    constexpr RelTime() = default;
    constexpr RelTime(uint64_t v) : ns(v) {}  // NOLINT: implicit on purpose
    constexpr operator uint64_t() const { return ns; }
};

// Parses dotted-quad / RFC 4291 text; throws falcogen::Error on bad input.
Ipv4 parse_ipv4(const std::string& text);
Ipv6 parse_ipv6(const std::string& text);
// The same without throwing: false (and `out` untouched) on bad input. On every
// platform, with no <arpa/inet.h> or <ws2tcpip.h> in the author's code.
bool try_parse_ipv4(std::string_view text, Ipv4& out);
bool try_parse_ipv6(std::string_view text, Ipv6& out);

// The time of a UTC date and time of day (proleptic Gregorian calendar), as
// timegm would give it but on every platform and without normalizing: false
// when a part is out of range (month 13, February 30, second 60) or the time
// is before 1970 or past what AbsTime holds.
bool utc_time(int year, int month, int day, int hour, int minute, int second, uint32_t nanos, AbsTime& out);

// An IPv4 or IPv6 address (ipaddr fields), or network (ipnet fields), as the
// host wants it: 4 or 16 bytes in network order.
struct IpAddress {
    uint8_t size = 0;  // 4, 16, or 0 for "not set"
    std::array<uint8_t, 16> bytes{};

    IpAddress() = default;
    IpAddress(const Ipv4& v) : size(4) {  // NOLINT: implicit on purpose
        for (size_t i = 0; i < 4; ++i) bytes[i] = v.bytes[i];
    }
    IpAddress(const Ipv6& v) : size(16), bytes(v.bytes) {}  // NOLINT
    bool operator==(const IpAddress& o) const { return size == o.size && bytes == o.bytes; }
};

// The argument of a field, as written in a rule: `x.tags[0]`, `x.label[app]`.
struct FieldArg {
    bool present = false;  // whether [...] was given
    uint64_t index = 0;  // the argument parsed as a number (fields with `arg.index`)
    std::string_view key;  // the argument's text (fields with `arg.key`)
};

}  // namespace falcogen
