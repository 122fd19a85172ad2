// Tests' own encoder of PPME_PLUGINEVENT_E events, written from the byte
// layout (docs/wire-format.md, section 1) and not from the runtime, so the
// runtime's readers are checked against an independent writer.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

namespace falcogen_tests {

inline std::vector<uint8_t> plugin_event_bytes(uint32_t plugin_id, const void* payload, size_t size, uint64_t ts) {
    std::vector<uint8_t> e(38 + size);
    const uint64_t tid = UINT64_MAX;
    const uint32_t len = static_cast<uint32_t>(e.size()), nparams = 2, id_len = 4;
    const uint32_t data_len = static_cast<uint32_t>(size);
    const uint16_t type = 322;
    std::memcpy(&e[0], &ts, 8);
    std::memcpy(&e[8], &tid, 8);
    std::memcpy(&e[16], &len, 4);
    std::memcpy(&e[20], &type, 2);
    std::memcpy(&e[22], &nparams, 4);
    std::memcpy(&e[26], &id_len, 4);
    std::memcpy(&e[30], &data_len, 4);
    std::memcpy(&e[34], &plugin_id, 4);
    if (size != 0) std::memcpy(&e[38], payload, size);
    return e;
}

}  // namespace falcogen_tests
