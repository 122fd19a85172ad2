// Reading PPME_PLUGINEVENT_E (322) events handed to the plugin by the host.
// Every length is checked against the header's `len`, the only bound the
// host gives us.
#pragma once

#include <cstdint>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/event_header.hpp"

namespace falcogen::detail {

struct PluginEventView {
    uint64_t ts = 0;
    uint32_t plugin_id = 0;
    const uint8_t* payload = nullptr;  // event_data, inside the event
    uint32_t payload_size = 0;
};

// Validates a plugin event; returns nullptr and fills `out`, or returns a
// static message naming the check that failed.
inline const char* parse_plugin_event(const ss_plugin_event* evt, PluginEventView& out) {
    if (evt == nullptr) return "no event (NULL)";
    const auto* base = reinterpret_cast<const uint8_t*>(evt);
    const auto len = load<uint32_t>(base, kLenOffset);
    if (load<uint16_t>(base, kTypeOffset) != FALCOGEN_PPME_PLUGINEVENT_E) return "not a plugin event (type is not 322)";
    if (load<uint32_t>(base, kNparamsOffset) != 2) return "malformed plugin event (nparams is not 2)";
    if (len < kPluginPayloadOffset) return "truncated plugin event (len is less than 38)";
    if (load<uint32_t>(base, kPluginIdLenOffset) != 4) {
        return "malformed plugin event (plugin_id parameter is not 4 bytes)";
    }
    const auto data_len = load<uint32_t>(base, kDataLenOffset);
    if (data_len != len - kPluginPayloadOffset) return "malformed plugin event (event_data length does not match len)";
    out.ts = load<uint64_t>(base, kTsOffset);
    out.plugin_id = load<uint32_t>(base, kPluginIdOffset);
    out.payload = base + kPluginPayloadOffset;
    out.payload_size = data_len;
    return nullptr;
}

}  // namespace falcogen::detail
