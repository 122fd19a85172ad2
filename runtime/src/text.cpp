#include "falcogen/text.hpp"

#include <cstdio>
#include <cstdlib>
#include <new>

#include "inet.hpp"

namespace falcogen::text {

Out::~Out() {
    std::free(data_);
}

void Out::grow(size_t n) {
    capacity_ = allocated_;  // shown again after a borrowed text
    if (borrowed_) {  // the borrowed text first (size_ is 0: nothing was written after it)
        borrowed_ = false;
        const size_t length = scratch_.size();
        if (length + n > capacity_) reserve(length + n);
        std::memcpy(data_, scratch_.data(), length);
        size_ = length;
    } else if (n > capacity_ - size_) {
        reserve(size_ + n);
    }
}

// Doubles (at least 256 chars): an event's text reaches its usual size in a
// few calls, and stays there.
void Out::reserve(size_t total) {
    size_t capacity = allocated_ < 128 ? 256 : 2 * allocated_;
    if (capacity < total) capacity = total;
    auto* data = static_cast<char*>(std::realloc(data_, capacity + 1));  // + 1: the NUL of c_str()
    if (data == nullptr) throw std::bad_alloc();
    data_ = data;
    allocated_ = capacity_ = capacity;
}

size_t format(char* buf, const Ipv4& v) {
    return inet_ntop(AF_INET, v.bytes.data(), buf, INET_ADDRSTRLEN) != nullptr ? std::strlen(buf) : 0;
}

size_t format(char* buf, const Ipv6& v) {
    return inet_ntop(AF_INET6, v.bytes.data(), buf, INET6_ADDRSTRLEN) != nullptr ? std::strlen(buf) : 0;
}

size_t format(char* buf, const ByteView& v) {
    static const char digits[] = "0123456789abcdef";
    const size_t shown = v.size < 64 ? v.size : 64;
    size_t n = 0;
    for (size_t i = 0; i < shown; ++i) {
        buf[n++] = digits[v.data[i] >> 4];
        buf[n++] = digits[v.data[i] & 0xf];
    }
    if (shown < v.size) {
        std::memcpy(buf + n, "...", 3);
        n += 3;
    }
    return n;
}

char* write_escaped(char* out, std::string_view v, size_t from) {
    static constexpr char kDigits[] = "0123456789abcdef";
    char* o = out + from;
    for (size_t i = from; i < v.size(); ++i) {
        const auto b = static_cast<unsigned char>(v[i]);
        if (b >= 0x20 && b != 0x7f) {
            *o++ = static_cast<char>(b);
        } else {
            const char escaped[4] = {'\\', 'x', kDigits[b >> 4], kDigits[b & 0xf]};
            std::memcpy(o, escaped, 4);
            o += 4;
        }
    }
    return o;
}

namespace {

// The UTC date and time of `seconds` since the epoch, in the proleptic
// Gregorian calendar (H. Hinnant's civil_from_days): no time_t, gmtime_r or
// gmtime_s, so the same on every platform and for every u64 timestamp.
struct Civil {
    unsigned year, month, day, hour, minute, second;
};

Civil civil_from_seconds(uint64_t seconds) {
    const uint64_t z = seconds / 86400 + 719468;
    const uint64_t era = z / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const unsigned year = static_cast<unsigned>(yoe + era * 400) + (month <= 2 ? 1 : 0);
    const unsigned rem = static_cast<unsigned>(seconds % 86400);
    return {year, month, day, rem / 3600, rem % 3600 / 60, rem % 60};
}

}  // namespace

size_t format(char* buf, AbsTime v) {
    const uint64_t ns = v.ns;
    const Civil t = civil_from_seconds(ns / 1000000000ULL);
    const int n = std::snprintf(buf, kMaxText, "%04u-%02u-%02uT%02u:%02u:%02u.%09uZ", t.year, t.month, t.day, t.hour,
                                t.minute, t.second, static_cast<unsigned>(ns % 1000000000ULL));
    return n > 0 ? static_cast<size_t>(n) : 0;
}

}  // namespace falcogen::text
