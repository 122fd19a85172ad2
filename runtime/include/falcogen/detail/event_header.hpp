// Where things are in a scap event, defined once from the ABI declarations.
//
// Header (ss_plugin_event, packed, 26 bytes) | nparams parameter lengths |
// the parameters. A plugin event (PPME_PLUGINEVENT_E) has two parameters with
// u32 lengths: plugin_id (u32) and event_data. Events are not aligned, so
// every access copies with memcpy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "falcogen/abi/plugin_api.h"

namespace falcogen::detail {

constexpr size_t kTsOffset = offsetof(ss_plugin_event, ts);
constexpr size_t kTidOffset = offsetof(ss_plugin_event, tid);
constexpr size_t kLenOffset = offsetof(ss_plugin_event, len);
constexpr size_t kTypeOffset = offsetof(ss_plugin_event, type);
constexpr size_t kNparamsOffset = offsetof(ss_plugin_event, nparams);
constexpr size_t kEventHeaderSize = sizeof(ss_plugin_event);

// PPME_PLUGINEVENT_E: len(plugin_id) | len(event_data) | plugin_id | event_data.
constexpr size_t kPluginIdLenOffset = kEventHeaderSize;
constexpr size_t kDataLenOffset = kPluginIdLenOffset + sizeof(uint32_t);
constexpr size_t kPluginIdOffset = kDataLenOffset + sizeof(uint32_t);
constexpr size_t kPluginPayloadOffset = kPluginIdOffset + sizeof(uint32_t);
static_assert(kPluginPayloadOffset == FALCOGEN_PLUGIN_EVENT_PAYLOAD_OFFSET, "plugin event layout");

// The event types whose parameter lengths are u32 instead of u16: those the
// driver's event table flags EF_LARGE_PAYLOAD (the plugin event, the
// container JSON event and the async event). The snapshot of that table,
// generator/falcogen/data/event_table.json, is the reference: a test checks
// that this list and the snapshot agree.
constexpr uint16_t kLargePayloadTypes[] = {FALCOGEN_PPME_PLUGINEVENT_E, 324, FALCOGEN_PPME_ASYNCEVENT_E};

constexpr uint32_t param_length_size(uint16_t type) {
    for (uint16_t t : kLargePayloadTypes) {
        if (t == type) return 4;
    }
    return 2;
}

template <typename T>
inline T load(const uint8_t* base, size_t offset) {
    T v;
    std::memcpy(&v, base + offset, sizeof v);
    return v;
}

template <typename T>
inline void store(uint8_t* base, size_t offset, T v) {
    std::memcpy(base + offset, &v, sizeof v);
}

}  // namespace falcogen::detail
