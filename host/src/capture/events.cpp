// Event blocks, as libscap's savefile engine reads them.
#include "events.hpp"

#include <cstring>

namespace falcogen::host::capture {

namespace {

constexpr size_t kReaderBufferSize = 1 << 16;  // libscap's limit for blocks that are not "large"
constexpr size_t kV1HeaderSize = kEventHeaderSize - 4;  // no nparams
constexpr uint16_t kNotificationE = 280;  // PPME_NOTIFICATION_E
constexpr uint16_t kInfrastructureEventE = 286;  // PPME_INFRASTRUCTURE_EVENT_E

bool is_v2(uint32_t type) {
    return type == kEventV2 || type == kEventV2Large || type == kEventFlagsV2 || type == kEventFlagsV2Large;
}
bool is_large(uint32_t type) {
    return type == kEventV2Large || type == kEventFlagsV2Large;
}
bool has_flags(uint32_t type) {
    return type == kEventFlags || type == kEventFlagsV2 || type == kEventFlagsV2Large;
}

// The parameter count of a v1 event (whose parameter lengths are 16-bit):
// from the type's current count down, the first whose lengths add up to
// len exactly. libscap fails if, at the first count whose length table
// fits, the parameters end before len.
uint32_t v1_nparams(const Bytes& e) {
    const uint32_t len = evt_len(e);
    for (int64_t n = nparams_of(evt_type(e)); n >= 0; --n) {
        uint64_t end = kEventHeaderSize + 2 * uint64_t(n);
        if (end > len) continue;
        for (int64_t i = 0; i < n; ++i) end += load<uint16_t>(&e[kEventHeaderSize + 2 * i]);
        if (end < len) throw FormatError("cannot convert a v1 event to v2: its parameters end before its length");
        if (end == len) return static_cast<uint32_t>(n);
    }
    throw FormatError("cannot convert a v1 event to v2: no parameter count matches its length");
}

// A v1 event (22-byte header) as a v2 one: the nparams field inserted and computed.
Bytes from_v1(const uint8_t* p, size_t avail) {
    uint32_t len = 0;
    std::memcpy(&len, p + kOffLen, 4);
    if (len < kV1HeaderSize || len > avail) {
        throw FormatError("invalid v1 event: len " + std::to_string(len) + " does not fit the " +
                          std::to_string(avail) + " bytes of its block");
    }
    Bytes e(size_t(len) + 4);
    std::memcpy(e.data(), p, kV1HeaderSize);
    std::memcpy(e.data() + kEventHeaderSize, p + kV1HeaderSize, len - kV1HeaderSize);
    uint32_t new_len = len + 4;
    // Old writers stored a length 3 bytes too long for these two types.
    const uint16_t type = evt_type(e);
    if ((type == kNotificationE || type == kInfrastructureEventE) && new_len >= kEventHeaderSize + 3) new_len -= 3;
    set_len(e, new_len);
    e.resize(new_len);
    set_nparams(e, v1_nparams(e));
    return e;
}

}  // namespace

std::string validate_event(const uint8_t* evt, size_t avail) {
    uint32_t len = 0, nparams = 0;
    uint16_t type = 0;
    std::memcpy(&len, evt + kOffLen, 4);
    std::memcpy(&type, evt + kOffType, 2);
    std::memcpy(&nparams, evt + kOffNparams, 4);
    if (len < kEventHeaderSize) {
        return "invalid event: len " + std::to_string(len) + " is smaller than the event header size 26";
    }
    if (len > avail) {
        return "invalid event: len " + std::to_string(len) + " is larger than the " + std::to_string(avail) +
               " bytes available in the block";
    }
    const size_t size = len_size_of(type);
    uint64_t offset = kEventHeaderSize + uint64_t(nparams) * size;
    if (offset > len) {
        return "invalid event: nparams " + std::to_string(nparams) + " does not fit in event len " +
               std::to_string(len);
    }
    for (uint32_t i = 0; i < nparams; ++i) {
        const uint8_t* p = evt + kEventHeaderSize + i * size;
        const uint32_t plen = size == 4 ? load<uint32_t>(p) : load<uint16_t>(p);
        if (plen > len - offset) {
            return "invalid event: param " + std::to_string(i) + " len " + std::to_string(plen) +
                   " exceeds event len " + std::to_string(len);
        }
        offset += plen;
    }
    return "";
}

bool decode_event_block(const Block& block, DecodedEvent& out) {
    const bool v2 = is_v2(block.type);
    const size_t header = v2 ? kEventHeaderSize : kV1HeaderSize;
    const uint64_t readlen = uint64_t(block.total_length) - 8;  // the body and the trailer, as libscap reads them
    if (block.total_length < 8 + header + 4) {
        throw FormatError("block length " + std::to_string(block.total_length) + " is too short for an event");
    }
    if (!is_large(block.type) && readlen > kReaderBufferSize) {
        throw FormatError("event block length " + std::to_string(readlen) +
                          " is greater than 65536 (not a large block)");
    }
    const size_t evt_off = has_flags(block.type) ? 6 : 2;
    if (block.body.size() < evt_off + header) {
        throw FormatError("the event header does not fit in the block (" + std::to_string(block.body.size()) +
                          " bytes of body)");
    }
    std::memcpy(&out.cpu, block.body.data(), 2);
    out.dump_flags = 0;
    if (has_flags(block.type)) std::memcpy(&out.dump_flags, block.body.data() + 2, 4);
    const uint8_t* p = block.body.data() + evt_off;
    const size_t avail = block.body.size() - evt_off;
    uint16_t type = 0;
    std::memcpy(&type, p + kOffType, 2);
    if (!known_type(type)) return false;  // a newer writer's event: libscap skips it
    if (!v2) {
        if (readlen + 4 > kReaderBufferSize)
            throw FormatError("cannot convert a v1 event block of more than 65532 bytes");
        out.evt = from_v1(p, avail);
        return true;
    }
    const std::string err = validate_event(p, avail);
    if (!err.empty()) throw FormatError(err);
    uint32_t len = 0;
    std::memcpy(&len, p + kOffLen, 4);
    out.evt.assign(p, p + len);
    return true;
}

}  // namespace falcogen::host::capture
