#include "falcogen/text.hpp"

#include <arpa/inet.h>

#include <cstdio>
#include <ctime>

namespace falcogen::text {

void append(std::string& out, const Ipv4& v) {
    char buf[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, v.bytes.data(), buf, sizeof buf) != nullptr) out += buf;
}

void append(std::string& out, const Ipv6& v) {
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, v.bytes.data(), buf, sizeof buf) != nullptr) out += buf;
}

void append(std::string& out, const ByteView& v) {
    static const char digits[] = "0123456789abcdef";
    const size_t shown = v.size < 64 ? v.size : 64;
    for (size_t i = 0; i < shown; ++i) {
        out += digits[v.data[i] >> 4];
        out += digits[v.data[i] & 0xf];
    }
    if (shown < v.size) out += "...";
}

void append(std::string& out, AbsTime v) {
    const uint64_t ns = v.ns;
    const time_t seconds = static_cast<time_t>(ns / 1000000000ULL);
    std::tm tm{};
    char buf[48];
    if (gmtime_r(&seconds, &tm) == nullptr) {
        append(out, ns);
        return;
    }
    const int n =
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09uZ", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<unsigned>(ns % 1000000000ULL));
    if (n > 0) out.append(buf, static_cast<size_t>(n));
}

void append(std::string& out, RelTime v) {
    append(out, v.ns);
    out += "ns";
}

}  // namespace falcogen::text
