#include <arpa/inet.h>

#include <cstdio>
#include <cstring>

#include "falcogen/base/error.hpp"
#include "falcogen/wire/types.hpp"

namespace falcogen {

bool ByteView::operator==(const ByteView& o) const {
    return size == o.size && (size == 0 || std::memcmp(data, o.data, size) == 0);
}

void append_text(std::string& out, const Ipv4& v) {
    char buf[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, v.bytes.data(), buf, sizeof buf) != nullptr) out += buf;
}

void append_text(std::string& out, const Ipv6& v) {
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, v.bytes.data(), buf, sizeof buf) != nullptr) out += buf;
}

void append_text(std::string& out, const ByteView& v) {
    static const char digits[] = "0123456789abcdef";
    const size_t shown = v.size < 64 ? v.size : 64;
    for (size_t i = 0; i < shown; ++i) {
        out += digits[v.data[i] >> 4];
        out += digits[v.data[i] & 0xf];
    }
    if (shown < v.size) out += "...";
}

Ipv4 parse_ipv4(const std::string& text) {
    Ipv4 v;
    if (inet_pton(AF_INET, text.c_str(), v.bytes.data()) != 1) throw Error("not an IPv4 address: '" + text + "'");
    return v;
}

Ipv6 parse_ipv6(const std::string& text) {
    Ipv6 v;
    if (inet_pton(AF_INET6, text.c_str(), v.bytes.data()) != 1) throw Error("not an IPv6 address: '" + text + "'");
    return v;
}

}  // namespace falcogen
