// Reading and writing the parts of a scap event (v2 layout: the 26-byte
// header, nparams lengths of 2 or 4 bytes, the parameters) in a byte vector.
// The callers validate the event first (validate_event); these helpers then
// trust its lengths.
#pragma once

#include <falcogen/host/event.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "event_table.hpp"

namespace falcogen::host::capture {

using Bytes = std::vector<uint8_t>;

inline uint64_t evt_tid(const Bytes& e) {
    return load<uint64_t>(&e[kOffTid]);
}
inline uint32_t evt_len(const Bytes& e) {
    return load<uint32_t>(&e[kOffLen]);
}
inline uint16_t evt_type(const Bytes& e) {
    return load<uint16_t>(&e[kOffType]);
}
inline uint32_t evt_nparams(const Bytes& e) {
    return load<uint32_t>(&e[kOffNparams]);
}
inline void set_len(Bytes& e, uint32_t v) {
    store<uint32_t>(&e[kOffLen], v);
}
inline void set_type(Bytes& e, uint16_t v) {
    store<uint16_t>(&e[kOffType], v);
}
inline void set_nparams(Bytes& e, uint32_t v) {
    store<uint32_t>(&e[kOffNparams], v);
}

// The length of parameter i (its slot in the length table must exist).
inline uint32_t param_len(const Bytes& e, uint32_t i) {
    const size_t size = len_size_of(evt_type(e));
    const uint8_t* p = &e[kEventHeaderSize + i * size];
    return size == 4 ? load<uint32_t>(p) : load<uint16_t>(p);
}
inline void set_param_len(Bytes& e, uint32_t i, uint32_t len) {
    const size_t size = len_size_of(evt_type(e));
    uint8_t* p = &e[kEventHeaderSize + i * size];
    if (size == 4) {
        store<uint32_t>(p, len);
    } else {
        store<uint16_t>(p, static_cast<uint16_t>(len));
    }
}
// The offset of parameter i's data.
inline size_t param_offset(const Bytes& e, uint32_t i) {
    size_t off = kEventHeaderSize + evt_nparams(e) * len_size_of(evt_type(e));
    for (uint32_t k = 0; k < i; ++k) off += param_len(e, k);
    return off;
}

// libscap's checks of a v2 event: the header fits, len fits in the `avail`
// bytes, the length table and every parameter fit in len. "" when valid.
std::string validate_event(const uint8_t* evt, size_t avail);

}  // namespace falcogen::host::capture
