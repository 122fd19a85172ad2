// A libscap syscall event for tests that feed plugins kernel events: the
// header, the u16 parameter lengths and the parameters, as the host hands
// them to plugins (source "syscall").
#pragma once

#include <falcogen/host/event.hpp>

#include <cstring>
#include <string>
#include <vector>

namespace testing_events {

// `len_fix` bytes less than the event needs: a truncated event.
inline falcogen::host::HostEvent syscall_event(uint64_t evtnum, int64_t tid, uint16_t type,
                                               const std::vector<std::string>& params, uint32_t len_fix = 0) {
    size_t data = 0;
    for (const auto& p : params) data += p.size();
    std::vector<uint8_t> b(26 + 2 * params.size() + data);
    const uint64_t ts = 1000 + evtnum;
    const uint32_t len = static_cast<uint32_t>(b.size()) - len_fix, nparams = static_cast<uint32_t>(params.size());
    std::memcpy(&b[0], &ts, 8);
    std::memcpy(&b[8], &tid, 8);
    std::memcpy(&b[16], &len, 4);
    std::memcpy(&b[20], &type, 2);
    std::memcpy(&b[22], &nparams, 4);
    size_t at = 26 + 2 * params.size();
    for (size_t i = 0; i < params.size(); ++i) {
        const uint16_t n = static_cast<uint16_t>(params[i].size());
        std::memcpy(&b[26 + 2 * i], &n, 2);
        if (n != 0) std::memcpy(&b[at], params[i].data(), n);
        at += n;
    }
    if (len_fix != 0) b.resize(len);
    return falcogen::host::HostEvent(std::move(b), evtnum, "syscall");
}

}  // namespace testing_events
