// Text of values, appended without temporaries: the default event_to_string
// of layouts, and author code rendering events.
//
// One overload set, `text::append(out, value)`, for every value a layout
// member can hold: integers in decimal, bool as true/false, strings made safe
// to print, addresses in their usual notation, bytes in hex, AbsTime as an
// RFC 3339 date and RelTime as "<n>ns". `out` is a std::string, or a
// text::Buffer in front of one (fewer, larger appends: event_to_string's).
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/detail/copy.hpp"
#include "falcogen/types.hpp"

namespace falcogen::text {

// Collects appends in a local buffer and hands them to `out` in larger
// pieces (std::string's append is a call, and a call per small piece is most
// of the cost of an event's text). Flushed when full and when destroyed.
class Buffer {
public:
    explicit Buffer(std::string& out) : out_(out) {}
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { flush(); }

    void append(const char* data, size_t n) {
        if (n > sizeof data_ - used_) {
            flush();
            if (n > sizeof data_) {
                out_.append(data, n);
                return;
            }
        }
        detail::copy_bytes(data_ + used_, data, n);
        used_ += n;
    }
    void push_back(char c) {
        if (used_ == sizeof data_) flush();
        data_[used_++] = c;
    }
    void flush() {
        out_.append(data_, used_);
        used_ = 0;
    }

private:
    std::string& out_;
    size_t used_ = 0;
    char data_[480];
};

template <typename Out, typename Int,
          typename = std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
void append(Out& out, Int v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}
template <typename Out>
void append(Out& out, bool v) {
    if (v) {
        out.append("true", 4);
    } else {
        out.append("false", 5);
    }
}

// Whether any of the 8 bytes of `w` is a control character (< 0x20 or 0x7f).
inline bool has_control(uint64_t w) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
    const uint64_t del = w ^ (kOnes * 0x7f);
    return (below_space | ((del - kOnes) & ~del & kHigh)) != 0;
}

// Whether `v` has a control character: 8 bytes at a time, the last word
// overlapping the one before (most text has nothing to escape).
inline bool needs_escaping(std::string_view v) {
    const char* p = v.data();
    const size_t n = v.size();
    if (n < 8) {
        for (size_t i = 0; i < n; ++i) {
            const auto b = static_cast<unsigned char>(p[i]);
            if (b < 0x20 || b == 0x7f) return true;
        }
        return false;
    }
    uint64_t w;
    for (size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&w, p + i, 8);
        if (has_control(w)) return true;
    }
    std::memcpy(&w, p + n - 8, 8);
    return has_control(w);
}

// Text from an event, made safe to print: control characters (NUL included,
// which would end the host's C string early) become \xNN; UTF-8 stays as is.
template <typename Out>
void append(Out& out, std::string_view v) {
    if (!needs_escaping(v)) {
        out.append(v.data(), v.size());
        return;
    }
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
template <typename Out>
void append(Out& out, const char* v) {
    append(out, std::string_view(v));
}

// The text of the values below, written into `buf` (large enough: kMaxText);
// returns its length. (Out of line: they call the C library.)
constexpr size_t kMaxText = 136;
size_t format(char* buf, const Ipv4& v);
size_t format(char* buf, const Ipv6& v);
size_t format(char* buf, const ByteView& v);  // hex, shortened past 64 bytes
size_t format(char* buf, AbsTime v);  // e.g. 2026-03-01T10:00:00.000000000Z (UTC, nanoseconds)

template <typename Out, typename V,
          typename = std::enable_if_t<std::is_same_v<V, Ipv4> || std::is_same_v<V, Ipv6> ||
                                      std::is_same_v<V, ByteView> || std::is_same_v<V, AbsTime>>>
void append(Out& out, const V& v) {
    char buf[kMaxText];
    out.append(buf, format(buf, v));
}
// e.g. 1500000ns.
template <typename Out>
void append(Out& out, RelTime v) {
    append(out, v.ns);
    out.append("ns", 2);
}

}  // namespace falcogen::text
