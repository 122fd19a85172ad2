#include "falcogen/types.hpp"

#include <cstring>

#include "falcogen/error.hpp"
#include "inet.hpp"

namespace falcogen {

bool ByteView::operator==(const ByteView& o) const {
    return size == o.size && (size == 0 || std::memcmp(data, o.data, size) == 0);
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
