// Process list blocks, versions 1 to 9 (and the unofficial numbers of 1-3):
// each version adds fields; from v9 each entry starts with its length, so
// fields appended later are read only when the entry has room for them.
#include <algorithm>
#include <cstring>

#include "blocks.hpp"
#include "metadata.hpp"

namespace falcogen::host::capture {

namespace {

constexpr size_t kMaxPath = 1024;  // SCAP_MAX_PATH_SIZE
constexpr size_t kMaxArgs = 4096;  // SCAP_MAX_ARGS_SIZE, SCAP_MAX_ENV_SIZE, SCAP_MAX_CGROUPS_SIZE

// A u16-length-prefixed field, checked against libscap's limit.
uint16_t field_length(Cursor& c, const char* what, size_t max) {
    const uint16_t n = c.get<uint16_t>(what);
    if (n > max) throw FormatError(std::string("invalid ") + what + " length " + std::to_string(n));
    return n;
}

std::string path_field(Cursor& c, const char* what) {
    return c.string(field_length(c, what, kMaxPath), what);
}

std::vector<std::string> list_field(Cursor& c, const char* what) {
    return c.strings(field_length(c, what, kMaxArgs), what);
}

// The fields every version has, up to the gid (with sid, vpgid and exepath
// from the versions that added them).
void read_identity(Cursor& c, int version, CaptureThread& t) {
    t.tid = c.get<uint64_t>("tid");
    t.pid = c.get<uint64_t>("pid");
    t.ptid = c.get<uint64_t>("ptid");
    if (version >= 6) t.sid = c.get<int64_t>("sid");
    if (version >= 8) t.vpgid = c.get<int64_t>("vpgid");
    t.comm = path_field(c, "comm");
    t.exe = path_field(c, "exe");
    if (version >= 7) t.exe_path = path_field(c, "exepath");
    t.args = list_field(c, "args");
    t.cwd = path_field(c, "cwd");
    t.fd_limit = c.get<uint64_t>("fdlimit");
    t.flags = c.get<uint32_t>("flags");
    t.uid = c.get<uint32_t>("uid");
    t.gid = c.get<uint32_t>("gid");
}

// Memory counters (v2+), environment (v3+), namespaces and cgroups (v4+), root (v5+).
void read_versioned(Cursor& c, int version, CaptureThread& t) {
    if (version < 2) return;
    t.vmsize_kb = c.get<uint32_t>("vmsize_kb");
    t.vmrss_kb = c.get<uint32_t>("vmrss_kb");
    t.vmswap_kb = c.get<uint32_t>("vmswap_kb");
    t.pfmajor = c.get<uint64_t>("pfmajor");
    t.pfminor = c.get<uint64_t>("pfminor");
    if (version >= 3) t.env = list_field(c, "env");
    if (version < 4) return;
    t.vtid = c.get<int64_t>("vtid");
    t.vpid = c.get<int64_t>("vpid");
    t.cgroups = list_field(c, "cgroups");
    if (version >= 5) t.root = path_field(c, "root");
}

// The fields appended to v9 entries over time, each read only if the entry
// (of length sub_len, `used` bytes read so far) has room for it.
void read_appended(Cursor& c, uint32_t sub_len, size_t& used, CaptureThread& t) {
    auto fits = [&](size_t n) { return sub_len != 0 && used + n <= sub_len; };
    auto field = [&](auto& dst, const char* what) {
        using T = std::remove_reference_t<decltype(dst)>;
        if (!fits(sizeof(T))) return;
        dst = c.get<T>(what);
        used += sizeof(T);
    };
    auto flag = [&](bool& dst, const char* what) {
        uint8_t v = 0;
        if (!fits(1)) return;
        v = c.get<uint8_t>(what);
        used += 1;
        dst = v != 0;
    };
    // libs 0.10 inserted pidns_init_start_ts and tty before the fields of
    // older writers: an entry with at most 29 bytes left was written before.
    const bool before_0_10 = sub_len >= used && sub_len - used <= 29;
    if (!before_0_10) {
        field(t.pidns_init_start_ts, "pidns_init_start_ts");
        field(t.tty, "tty");
    }
    field(t.loginuid, "loginuid");
    flag(t.exe_writable, "exe_writable");
    field(t.cap_inheritable, "cap_inheritable");
    field(t.cap_permitted, "cap_permitted");
    field(t.cap_effective, "cap_effective");
    flag(t.exe_upper_layer, "exe_upper_layer");
    field(t.exe_ino, "exe_ino");
    field(t.exe_ino_ctime, "exe_ino_ctime");
    field(t.exe_ino_mtime, "exe_ino_mtime");
    flag(t.exe_from_memfd, "exe_from_memfd");
    flag(t.exe_lower_layer, "exe_lower_layer");
    field(t.pgid, "pgid");
}

CaptureThread read_entry(Cursor& c, int version) {
    CaptureThread t;
    const size_t start = c.pos();
    const uint32_t sub_len = version >= 9 ? c.get<uint32_t>("entry length") : 0;
    read_identity(c, version, t);
    read_versioned(c, version, t);
    size_t used = c.pos() - start;
    read_appended(c, sub_len, used, t);
    if (sub_len != 0 && used != sub_len) {
        if (used > sub_len) {
            throw FormatError("process list entry of tid " + std::to_string(t.tid) + " has length " +
                              std::to_string(sub_len) + " but its fields take " + std::to_string(used));
        }
        c.skip(sub_len - used, "process list entry");  // fields of a newer writer
    }
    return t;
}

}  // namespace

MachineInfo parse_machine_info(const std::vector<uint8_t>& body) {
    uint8_t raw[180] = {};  // the packed scap_machine_info
    if (!body.empty()) std::memcpy(raw, body.data(), std::min(body.size(), sizeof raw));  // an empty body has no data()
    MachineInfo mi;
    std::memcpy(&mi.num_cpus, raw, 4);
    std::memcpy(&mi.memory_size_bytes, raw + 4, 8);
    std::memcpy(&mi.max_pid, raw + 12, 8);
    mi.hostname.assign(reinterpret_cast<const char*>(raw + 20), strnlen(reinterpret_cast<const char*>(raw + 20), 128));
    std::memcpy(&mi.boot_ts_epoch, raw + 148, 8);
    std::memcpy(&mi.flags, raw + 156, 8);
    return mi;
}

std::vector<CaptureThread> parse_proclist(int version, const std::vector<uint8_t>& body) {
    Cursor c(body);
    std::vector<CaptureThread> threads;
    while (c.remaining() >= 4) threads.push_back(read_entry(c, version));  // what is left is padding
    return threads;
}

}  // namespace falcogen::host::capture
