// The public view of the event table, and parameter access on events.
#include <falcogen/host/capture.hpp>

#include "raw_event.hpp"

namespace falcogen::host {

using namespace capture;

uint16_t event_type_count() {
    return kEventTypeCount;
}
const char* event_type_name(uint16_t type) {
    return known_type(type) ? kEventTable[type].name : "";
}
uint32_t event_param_count(uint16_t type) {
    return nparams_of(type);
}
uint8_t event_param_type(uint16_t type, uint32_t i) {
    return param_type_of(type, i);
}
uint32_t event_param_len_size(uint16_t type) {
    return static_cast<uint32_t>(len_size_of(type));
}

std::optional<ByteSpan> event_param(const HostEvent& evt, uint32_t index) {
    const std::vector<uint8_t>& b = evt.bytes();
    if (b.size() < kEventHeaderSize) return std::nullopt;
    const size_t len = std::min<size_t>(evt.len(), b.size());
    const uint32_t nparams = evt.nparams();
    if (index >= nparams) return std::nullopt;
    const size_t size = len_size_of(evt.type());
    const uint64_t table_end = kEventHeaderSize + uint64_t(nparams) * size;
    if (table_end > len) return std::nullopt;
    uint64_t off = table_end;
    for (uint32_t i = 0;; ++i) {
        const uint8_t* p = &b[kEventHeaderSize + i * size];
        const uint32_t plen = size == 4 ? load<uint32_t>(p) : load<uint16_t>(p);
        if (off + plen > len) return std::nullopt;
        if (i == index) return ByteSpan{b.data() + off, plen};
        off += plen;
    }
}

const char* fd_type_name(CaptureFdType type) {
    switch (type) {
        case CaptureFdType::File:
        case CaptureFdType::FileV2: return "file";
        case CaptureFdType::Directory: return "directory";
        case CaptureFdType::Ipv4Socket:
        case CaptureFdType::Ipv4ServerSocket: return "ipv4";
        case CaptureFdType::Ipv6Socket:
        case CaptureFdType::Ipv6ServerSocket: return "ipv6";
        case CaptureFdType::Fifo: return "fifo";
        case CaptureFdType::UnixSocket: return "unix";
        case CaptureFdType::Event: return "event";
        case CaptureFdType::Unsupported: return "unsupported";
        case CaptureFdType::SignalFd: return "signalfd";
        case CaptureFdType::EventPoll: return "eventpoll";
        case CaptureFdType::Inotify: return "inotify";
        case CaptureFdType::TimerFd: return "timerfd";
        case CaptureFdType::Netlink: return "netlink";
        case CaptureFdType::Bpf: return "bpf";
        case CaptureFdType::UserFaultFd: return "userfaultfd";
        case CaptureFdType::IoUring: return "io_uring";
        case CaptureFdType::MemFd: return "memfd";
        case CaptureFdType::PidFd: return "pidfd";
        default: return "unknown";
    }
}

}  // namespace falcogen::host
