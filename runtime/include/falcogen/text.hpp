// Text of values, appended to a reused std::string without temporaries: the
// default event_to_string of layouts, and author code rendering events.
//
// One overload set, `text::append(out, value)`, for every value a layout
// member can hold: integers in decimal, bool as true/false, strings made safe
// to print, addresses in their usual notation, bytes in hex, AbsTime as an
// RFC 3339 date and RelTime as "<n>ns".
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/types.hpp"

namespace falcogen::text {

template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
inline void append(std::string& out, Int v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}
inline void append(std::string& out, bool v) {
    out += v ? "true" : "false";
}

// Text from an event, made safe to print: control characters (NUL included,
// which would end the host's C string early) become \xNN; UTF-8 stays as is.
// Inline: event_to_string calls it per string member.
inline void append(std::string& out, std::string_view v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    size_t clean = 0;  // the printable run not yet appended
    for (size_t i = 0; i < v.size(); ++i) {
        const auto b = static_cast<unsigned char>(v[i]);
        if (b >= 0x20 && b != 0x7f) continue;
        out.append(v.data() + clean, i - clean);
        const char escaped[4] = {'\\', 'x', kDigits[b >> 4], kDigits[b & 0xf]};
        out.append(escaped, 4);
        clean = i + 1;
    }
    out.append(v.data() + clean, v.size() - clean);
}
// (Without it a string literal would pick the bool overload.)
inline void append(std::string& out, const char* v) {
    append(out, std::string_view(v));
}

void append(std::string& out, const Ipv4& v);
void append(std::string& out, const Ipv6& v);
void append(std::string& out, const ByteView& v);  // hex, shortened past 64 bytes
// e.g. 2026-03-01T10:00:00.000000000Z (UTC, nanoseconds).
void append(std::string& out, AbsTime v);
// e.g. 1500000ns.
void append(std::string& out, RelTime v);

}  // namespace falcogen::text
