// The bytes of a libscap event for tests: the 26-byte header, the parameter
// lengths (`width` bytes each: 2, or 4 for the large-payload types) and the
// parameters. `len_fix` bytes fewer than that make a truncated event.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace testing_events {

inline std::vector<uint8_t> scap_bytes(uint16_t type, const std::vector<std::string>& params, uint32_t width = 2,
                                       uint32_t len_fix = 0, uint64_t tid = 0, uint64_t ts = 0) {
    size_t data = 0;
    for (const auto& p : params) data += p.size();
    std::vector<uint8_t> b(26 + width * params.size() + data);
    const uint32_t len = static_cast<uint32_t>(b.size()) - len_fix, nparams = static_cast<uint32_t>(params.size());
    std::memcpy(&b[0], &ts, 8);
    std::memcpy(&b[8], &tid, 8);
    std::memcpy(&b[16], &len, 4);
    std::memcpy(&b[20], &type, 2);
    std::memcpy(&b[22], &nparams, 4);
    size_t at = 26 + width * params.size();
    for (size_t i = 0; i < params.size(); ++i) {
        const uint32_t n = static_cast<uint32_t>(params[i].size());
        std::memcpy(&b[26 + width * i], &n, width);  // little-endian: the low bytes
        if (n != 0) std::memcpy(&b[at], params[i].data(), n);
        at += n;
    }
    b.resize(len);
    return b;
}

}  // namespace testing_events
