// Reading PPME_PLUGINEVENT_E (322) events handed to the plugin by the host.
//
// Layout: 26-byte header | u32 len(plugin_id)=4 | u32 len(event_data)=N |
// u32 plugin_id | N bytes of event_data. Nothing is aligned; every field is
// read with memcpy, and every length is checked against the header's `len`,
// the only bound the host gives us.
#pragma once

#include <cstdint>
#include <cstring>

#include "falcogen/abi/plugin_api.h"

namespace falcogen {

struct PluginEventView {
    uint64_t ts = 0;
    uint32_t plugin_id = 0;
    const uint8_t* payload = nullptr;  // event_data, inside the event
    uint32_t payload_size = 0;
};

constexpr uint32_t kEventHeaderSize = 26;
constexpr uint32_t kPluginEventPayloadOffset = FALCOGEN_PLUGIN_EVENT_PAYLOAD_OFFSET;

// Validates a plugin event; returns nullptr and fills `out`, or returns a
// static message naming the check that failed.
inline const char* parse_plugin_event(const ss_plugin_event* evt, PluginEventView& out) {
    if (evt == nullptr) return "no event (NULL)";
    const auto* base = reinterpret_cast<const uint8_t*>(evt);
    uint32_t len;
    uint16_t type;
    uint32_t nparams;
    std::memcpy(&len, base + 16, 4);
    std::memcpy(&type, base + 20, 2);
    std::memcpy(&nparams, base + 22, 4);
    if (type != FALCOGEN_PPME_PLUGINEVENT_E) return "not a plugin event (type is not 322)";
    if (nparams != 2) return "malformed plugin event (nparams is not 2)";
    if (len < kPluginEventPayloadOffset) return "truncated plugin event (len is less than 38)";
    uint32_t id_len, data_len;
    std::memcpy(&id_len, base + 26, 4);
    std::memcpy(&data_len, base + 30, 4);
    if (id_len != 4) return "malformed plugin event (plugin_id parameter is not 4 bytes)";
    if (data_len != len - kPluginEventPayloadOffset) return "malformed plugin event (event_data length does not match len)";
    std::memcpy(&out.ts, base, 8);
    std::memcpy(&out.plugin_id, base + 34, 4);
    out.payload = base + kPluginEventPayloadOffset;
    out.payload_size = data_len;
    return nullptr;
}

}  // namespace falcogen
