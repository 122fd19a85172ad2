// A libscap syscall event for tests that feed plugins kernel events through
// the host (source "syscall"); scap_bytes.hpp builds its bytes.
#pragma once

#include <falcogen/host/event.hpp>

#include <string>
#include <vector>

#include "scap_bytes.hpp"

namespace testing_events {

// `len_fix` bytes less than the event needs: a truncated event.
inline falcogen::host::HostEvent syscall_event(uint64_t evtnum, int64_t tid, uint16_t type,
                                               const std::vector<std::string>& params, uint32_t len_fix = 0) {
    return falcogen::host::HostEvent(scap_bytes(type, params, 2, len_fix, static_cast<uint64_t>(tid), 1000 + evtnum),
                                     evtnum, "syscall");
}

}  // namespace testing_events
