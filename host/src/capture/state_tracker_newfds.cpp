// The state tracker's other fd-creating events, as libsinsp's
// parse_pipe_exit, parse_socketpair_exit, parse_socket_exit (add_socket),
// parse_eventfd_eventfd2_exit and parse_single_param_fd_exit add them.
#include "state_tracker.hpp"

namespace falcogen::host {

using namespace track;

namespace {

constexpr uint32_t kAfUnix = 1, kAfInet = 2, kAfInet6 = 10, kAfNetlink = 16;  // PPM_AF_*
constexpr uint32_t kSockStream = 1, kSockDgram = 2, kSockRaw = 3;
constexpr uint32_t kProtoIp = 0, kProtoIcmp = 1, kProtoTcp = 6, kProtoUdp = 17, kProtoRaw = 255;
constexpr uint8_t kL4Unknown = 0, kL4Tcp = 2, kL4Udp = 3, kL4Icmp = 4, kL4Raw = 5;  // scap_l4_proto

uint8_t l4proto(uint32_t type, uint32_t protocol) {
    switch (protocol) {
        case kProtoTcp: return type == kSockRaw ? kL4Raw : kL4Tcp;
        case kProtoUdp: return type == kSockRaw ? kL4Raw : kL4Udp;
        case kProtoIcmp: return type == kSockRaw ? kL4Raw : kL4Icmp;
        case kProtoRaw: return kL4Raw;
        case kProtoIp:
            if ((type & 0xff) == kSockStream) return kL4Tcp;
            if ((type & 0xff) == kSockDgram) return kL4Udp;
            return kL4Unknown;
        default: return kL4Unknown;
    }
}

// add_socket: the type from the domain, the l4 protocol of inet sockets.
FieldValues socket_values(const HostEvent& evt) {
    const uint32_t domain = param_u32(evt, 1).value_or(0), type = param_u32(evt, 2).value_or(0);
    const uint32_t protocol = param_u32(evt, 3).value_or(0);
    FieldValues v{{"open_flags", param_u32(evt, 4).value_or(0)}};
    CaptureFdType fd_type = CaptureFdType::Unknown;
    if (domain == kAfUnix) {
        fd_type = CaptureFdType::UnixSocket;
    } else if (domain == kAfInet) {
        fd_type = CaptureFdType::Ipv4Socket;
        v.emplace_back("socket_ipv4_l4_proto", l4proto(type, protocol));
    } else if (domain == kAfInet6) {
        fd_type = CaptureFdType::Ipv6Socket;
        v.emplace_back("socket_ipv6_l4_proto", l4proto(type, protocol));
    } else if (domain == kAfNetlink) {
        fd_type = CaptureFdType::Netlink;
    }
    v.emplace_back("type", static_cast<uint8_t>(fd_type));
    return v;
}

// The fd kinds that only the return value names, with the open flags some carry.
std::optional<CaptureFdType> single_fd_type(const HostEvent& evt, uint32_t& open_flags) {
    switch (evt.type()) {
        case kEventfdX: return CaptureFdType::Event;
        case kEventfd2X: open_flags = param_u16(evt, 1).value_or(0); return CaptureFdType::Event;
        case kSignalfdX: return CaptureFdType::SignalFd;
        case kSignalfd4X: open_flags = param_u16(evt, 1).value_or(0); return CaptureFdType::SignalFd;
        case kTimerfdCreateX: {
            const auto p = param(evt, 2);
            if (p && p->size == 1) open_flags = p->data[0];
            return CaptureFdType::TimerFd;
        }
        case kInotifyInitX: return CaptureFdType::Inotify;
        case kInotifyInit1X: open_flags = param_u16(evt, 1).value_or(0); return CaptureFdType::Inotify;
        case kEpollCreateX: return CaptureFdType::EventPoll;
        case kEpollCreate1X:
            if ((param_u32(evt, 1).value_or(0) & kEpollCloexec) != 0) open_flags = kOCloexec;
            return CaptureFdType::EventPoll;
        default: return std::nullopt;
    }
}

}  // namespace

bool StateTracker::Impl::new_fd_exit(const HostEvent& evt) {
    const uint16_t type = evt.type();
    const auto res = param_s64(evt, 0);
    if (!res || *res < 0) return false;
    const auto tid = static_cast<int64_t>(evt.tid());
    auto fds = fd_table(tid);
    if (!fds) return false;
    if (type == kPipeX || type == kPipe2X) {
        const FieldValues v{{"type", static_cast<uint8_t>(CaptureFdType::Fifo)},
                            {"ino", param_u64(evt, 3).value_or(0)},
                            {"open_flags", type == kPipe2X ? param_u32(evt, 4).value_or(0) : 0u}};
        for (uint32_t i : {1u, 2u}) {
            if (auto fd = param_s64(evt, i)) fds->add(*fd, v);
        }
        return true;
    }
    if (type == kSocketpairX) {
        const auto fd1 = param_s64(evt, 1), fd2 = param_s64(evt, 2);
        if (!fd1 || !fd2 || *fd1 == *fd2) return true;
        const FieldValues v{{"type", static_cast<uint8_t>(CaptureFdType::UnixSocket)},
                            {"socket_unix_src", param_u64(evt, 3).value_or(0)},
                            {"socket_unix_dest", param_u64(evt, 4).value_or(0)}};
        fds->add(*fd1, v);
        fds->add(*fd2, v);
        return true;
    }
    if (type == kSocketX) {
        fds->add(*res, socket_values(evt));
        return true;
    }
    uint32_t open_flags = 0;
    const auto fd_type = single_fd_type(evt, open_flags);
    if (!fd_type) return false;
    fds->add(*res, {{"type", static_cast<uint8_t>(*fd_type)}, {"open_flags", open_flags}});
    return true;
}

}  // namespace falcogen::host
