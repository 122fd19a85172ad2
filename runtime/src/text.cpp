#include "falcogen/text.hpp"

#include <arpa/inet.h>

#include <cstdio>
#include <ctime>

namespace falcogen::text {

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

size_t format(char* buf, AbsTime v) {
    const uint64_t ns = v.ns;
    const time_t seconds = static_cast<time_t>(ns / 1000000000ULL);
    std::tm tm{};
    if (gmtime_r(&seconds, &tm) == nullptr) {
        const auto res = std::to_chars(buf, buf + kMaxText, ns);
        return static_cast<size_t>(res.ptr - buf);
    }
    const int n =
        std::snprintf(buf, kMaxText, "%04d-%02d-%02dT%02d:%02d:%02d.%09uZ", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<unsigned>(ns % 1000000000ULL));
    return n > 0 ? static_cast<size_t>(n) : 0;
}

}  // namespace falcogen::text
