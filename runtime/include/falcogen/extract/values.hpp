// Value types the author's computed fields produce and receive.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/wire/types.hpp"

namespace falcogen {

// The argument of a field, as written in a rule: `x.tags[0]`, `x.label[app]`.
struct FieldArg {
    bool present = false;  // whether [...] was given
    uint64_t index = 0;    // the argument parsed as a number (fields with `arg.index`)
    std::string_view key;  // the argument's text (fields with `arg.key`)
};

// The argument of an extraction request, as the host passed it.
inline FieldArg field_arg(const ss_plugin_extract_field& request) {
    FieldArg arg;
    arg.present = request.arg_present != 0;
    arg.index = request.arg_index;
    if (request.arg_key != nullptr) arg.key = request.arg_key;
    return arg;
}

// An IPv4 or IPv6 address (ipaddr fields), or network (ipnet fields), as the
// host wants it: 4 or 16 bytes in network order.
struct IpAddress {
    uint8_t size = 0;  // 4, 16, or 0 for "not set"
    std::array<uint8_t, 16> bytes{};

    IpAddress() = default;
    IpAddress(const Ipv4& v) : size(4) {  // NOLINT: implicit on purpose
        for (int i = 0; i < 4; ++i) bytes[i] = v.bytes[i];
    }
    IpAddress(const Ipv6& v) : size(16), bytes(v.bytes) {}  // NOLINT
    bool operator==(const IpAddress& o) const { return size == o.size && bytes == o.bytes; }
};

}  // namespace falcogen
