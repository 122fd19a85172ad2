// Appending values to a reused std::string without temporaries, for
// event_to_string and extraction on the per-event path.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace falcogen::text {

template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int>>>
inline void append(std::string& out, Int v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}
inline void append(std::string& out, bool v) { out += v ? "true" : "false"; }
inline void append(std::string& out, std::string_view v) { out.append(v.data(), v.size()); }

// Text from an event, made safe to print: control characters (NUL included,
// which would end the host's C string early) become \xNN; UTF-8 stays as is.
inline void append_printable(std::string& out, std::string_view v) {
    static const char digits[] = "0123456789abcdef";
    for (char c : v) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7f) {
            const char escaped[4] = {'\\', 'x', digits[b >> 4], digits[b & 0xf]};
            out.append(escaped, 4);
        } else {
            out += c;
        }
    }
}

// An absolute time (ns since the epoch) as RFC 3339 UTC with nanoseconds,
// e.g. 2026-03-01T10:00:00.000000000Z.
void append_abstime(std::string& out, uint64_t ns);
// A duration in ns, e.g. "1500000ns".
inline void append_reltime(std::string& out, uint64_t ns) {
    append(out, ns);
    out += "ns";
}

}  // namespace falcogen::text
