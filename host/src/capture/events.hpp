// Event blocks: the device id, the flags of the "with flags" blocks, and the
// event, checked as libscap checks it. Old (v1) blocks store events without
// their parameter count: it is recomputed as libscap does.
#pragma once

#include <cstdint>
#include <vector>

#include "blocks.hpp"
#include "raw_event.hpp"

namespace falcogen::host::capture {

struct DecodedEvent {
    Bytes evt;  // a v2 event, exactly len bytes
    uint16_t cpu = 0;
    uint32_t dump_flags = 0;
};

// false when libscap skips the event (a type past the event table). Throws
// FormatError on an event that does not fit its block.
bool decode_event_block(const Block& block, DecodedEvent& out);

}  // namespace falcogen::host::capture
