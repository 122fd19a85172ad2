// Fd list blocks (v1 and v2, whose entries start with their length): the
// block's tid, then one entry per fd, laid out after its scap_fd_type.
#include "blocks.hpp"
#include "metadata.hpp"

namespace falcogen::host::capture {

namespace {

constexpr size_t kMaxPath = 1024;  // SCAP_MAX_PATH_SIZE: names are shorter

std::string fd_name(Cursor& c) {
    const uint16_t n = c.get<uint16_t>("fd name length");
    if (n >= kMaxPath) throw FormatError("invalid fd name length " + std::to_string(n));
    return c.string(n, "fd name");
}

void read_ipv4(Cursor& c, CaptureFd& fd, bool server) {
    const uint32_t sip = c.get<uint32_t>("ipv4 address");
    std::memcpy(fd.sip.data(), &sip, 4);
    if (!server) {
        const uint32_t dip = c.get<uint32_t>("ipv4 address");
        std::memcpy(fd.dip.data(), &dip, 4);
    }
    fd.sport = c.get<uint16_t>("port");
    if (!server) fd.dport = c.get<uint16_t>("port");
    fd.l4proto = c.get<uint8_t>("l4proto");
}

void read_ipv6(Cursor& c, CaptureFd& fd, bool server) {
    const uint8_t* p = c.here();
    c.skip(16, "ipv6 address");
    std::memcpy(fd.sip.data(), p, 16);
    if (!server) {
        p = c.here();
        c.skip(16, "ipv6 address");
        std::memcpy(fd.dip.data(), p, 16);
    }
    fd.sport = c.get<uint16_t>("port");
    if (!server) fd.dport = c.get<uint16_t>("port");
    fd.l4proto = c.get<uint8_t>("l4proto");
}

// The type-specific part of an entry; `room` says whether a v2 entry still
// has 4 bytes for a file's device.
void read_fd_info(Cursor& c, uint8_t raw_type, CaptureFd& fd, const std::function<bool()>& room_for_dev) {
    using T = CaptureFdType;
    fd.type = static_cast<T>(raw_type);
    switch (fd.type) {
        case T::Ipv4Socket: read_ipv4(c, fd, false); break;
        case T::Ipv4ServerSocket: read_ipv4(c, fd, true); break;
        case T::Ipv6Socket: read_ipv6(c, fd, false); break;
        case T::Ipv6ServerSocket: read_ipv6(c, fd, true); break;
        case T::UnixSocket:
            fd.unix_source = c.get<uint64_t>("unix source");
            fd.unix_dest = c.get<uint64_t>("unix destination");
            fd.name = fd_name(c);
            break;
        case T::FileV2:
            fd.open_flags = c.get<uint32_t>("open flags");
            fd.name = fd_name(c);
            if (room_for_dev()) fd.dev = c.get<uint32_t>("dev");
            break;
        case T::Fifo:
        case T::File:
        case T::Directory:
        case T::Unsupported:
        case T::Event:
        case T::SignalFd:
        case T::EventPoll:
        case T::Inotify:
        case T::TimerFd:
        case T::Netlink:
        case T::Bpf:
        case T::UserFaultFd:
        case T::IoUring:
        case T::MemFd:
        case T::PidFd: fd.name = fd_name(c); break;
        case T::Unknown: break;
        default:  // a type of a newer writer: libscap keeps it as unsupported, without reading more
            fd.type = T::Unsupported;
            fd.name = "unknown-type:[" + std::to_string(raw_type) + "]";
            break;
    }
}

CaptureFd read_fd(Cursor& c, bool v2) {
    const size_t start = c.pos();
    const uint32_t sub_len = v2 ? c.get<uint32_t>("entry length") : 0;
    CaptureFd fd;
    fd.fd = c.get<int64_t>("fd");
    fd.ino = c.get<uint64_t>("ino");
    const uint8_t raw_type = c.get<uint8_t>("fd type");
    read_fd_info(c, raw_type, fd, [&] { return sub_len != 0 && sub_len >= c.pos() - start + 4; });
    const size_t used = c.pos() - start;
    if (sub_len != 0 && used != sub_len) {
        if (used > sub_len) {
            throw FormatError("fd list entry of fd " + std::to_string(fd.fd) + " has length " +
                              std::to_string(sub_len) + " but its fields take " + std::to_string(used));
        }
        c.skip(sub_len - used, "fd list entry");
    }
    return fd;
}

}  // namespace

void parse_fdlist(bool v2, const std::vector<uint8_t>& body, const std::function<void(uint64_t, CaptureFd)>& add) {
    Cursor c(body);
    const uint64_t tid = c.get<uint64_t>("tid");
    while (c.remaining() >= 4) add(tid, read_fd(c, v2));  // what is left is padding
}

}  // namespace falcogen::host::capture
