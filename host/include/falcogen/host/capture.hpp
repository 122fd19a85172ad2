// Reading libscap capture files (.scap, plain or gzip-compressed): the section
// header, the machine info, the initial threads and their file descriptors,
// and the events, as libsinsp gets them from libscap (old event layouts
// converted, what libscap drops dropped, numbered as libsinsp numbers them).
//
// Plain structs only: nothing here depends on plugins or state tables. See
// docs/host.md ("Captures") for the block versions read and the differences
// with libscap.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <falcogen/host/error.hpp>
#include <falcogen/host/event.hpp>

namespace falcogen::host {

// A capture that cannot be read. The message names the file and, for a bad
// block, its offset in the (uncompressed) stream:
// "capture 'x.scap': offset 1234: event block (0x216) is truncated: ...".
class CaptureError : public HostError {
public:
    using HostError::HostError;
};

// The machine info block (scap_machine_info).
struct MachineInfo {
    uint32_t num_cpus = 0;
    uint64_t memory_size_bytes = 0;
    uint64_t max_pid = 0;
    std::string hostname;
    uint64_t boot_ts_epoch = 0;  // ns
    uint64_t flags = 0;
};

// scap_fd_type: what a file descriptor of the fd list is.
enum class CaptureFdType : uint8_t {
    Unknown = 0,
    File = 1,
    Directory = 2,
    Ipv4Socket = 3,
    Ipv6Socket = 4,
    Ipv4ServerSocket = 5,
    Ipv6ServerSocket = 6,
    Fifo = 7,
    UnixSocket = 8,
    Event = 9,
    Unsupported = 10,
    SignalFd = 11,
    EventPoll = 12,
    Inotify = 13,
    TimerFd = 14,
    Netlink = 15,
    FileV2 = 16,  // a file with its open flags (and device)
    Bpf = 17,
    UserFaultFd = 18,
    IoUring = 19,
    MemFd = 20,
    PidFd = 21,
};

// "file", "ipv4", "unix", ... (libsinsp's fd.type names), "unknown" otherwise.
const char* fd_type_name(CaptureFdType type);

// One file descriptor of a thread, from an fd list block.
struct CaptureFd {
    int64_t fd = -1;
    uint64_t ino = 0;
    CaptureFdType type = CaptureFdType::Unknown;
    // The path of files, directories, fifos, unix sockets and the other
    // named types; "unknown-type:[N]" for a type this reader does not know.
    std::string name;
    uint32_t open_flags = 0;  // FileV2
    uint32_t dev = 0;  // FileV2, when the capture has it
    // Sockets: addresses in network order (IPv4: the first 4 bytes), ports
    // in host order, scap_l4_proto. Server sockets only have the s* side.
    std::array<uint8_t, 16> sip{}, dip{};
    uint16_t sport = 0, dport = 0;
    uint8_t l4proto = 0;
    uint64_t unix_source = 0, unix_dest = 0;  // unix sockets: the endpoints
};

// One thread of a process list block (scap_threadinfo), with its fds.
struct CaptureThread {
    uint64_t tid = 0, pid = 0, ptid = 0;
    int64_t sid = -1, vpgid = -1, pgid = -1;
    std::string comm;  // the command name ("top")
    std::string exe;  // argv[0]
    std::string exe_path;  // the executable's full path
    std::vector<std::string> args;  // argv[1..]
    std::vector<std::string> env;
    std::string cwd;
    uint64_t fd_limit = 0;
    uint32_t flags = 0;  // PPM_CL_* clone flags
    uint32_t uid = 0, gid = 0, loginuid = UINT32_MAX;
    uint32_t vmsize_kb = 0, vmrss_kb = 0, vmswap_kb = 0;
    uint64_t pfmajor = 0, pfminor = 0;
    int64_t vtid = -1, vpid = -1;
    std::vector<std::string> cgroups;  // "subsys=/path"
    std::string root;
    uint64_t pidns_init_start_ts = 0;
    uint32_t tty = 0;
    bool exe_writable = false, exe_upper_layer = false, exe_lower_layer = false, exe_from_memfd = false;
    uint64_t cap_inheritable = 0, cap_permitted = 0, cap_effective = 0;
    uint64_t exe_ino = 0, exe_ino_ctime = 0, exe_ino_mtime = 0;
    std::map<int64_t, CaptureFd> fds;
};

// One event as libsinsp gets it from libscap.
struct CaptureEvent {
    // The event (scap v2 layout, parameters in the current layout of its
    // type), its number as libsinsp numbers it (1, 2, ...: events libscap
    // drops are not numbered), and its source: "syscall", or for a plugin
    // event (322) the source of its plugin id if the reader knows it
    // (CaptureOptions::plugin_sources), else "" with known_source false.
    HostEvent event;
    uint16_t cpu = 0;  // the block's device id
    uint32_t dump_flags = 0;  // SCAP_DF_* of an event-with-flags block
    // libsinsp parses the event (its own parser and the plugins' parsers)
    // but does not return it: the enter events of open, openat, openat2,
    // creat, connect, execve and execveat, state-only events, and the
    // initial-state events that lead the capture (users, groups, container
    // JSON, async events such as dump_state's), which libsinsp consumes when
    // it opens the capture.
    bool hidden = false;
    bool known_source = true;
};

struct CaptureOptions {
    // The source of the plugin events (322) of each plugin id.
    std::map<uint32_t, std::string> plugin_sources;
    // Apply libscap's conversions (old layouts to the current ones, enter
    // parameters folded into exit events, and the drops that go with them).
    // Off: the events are yielded as stored (still numbered one by one).
    bool convert = true;
    // The largest block accepted, in bytes. Memory grows with the bytes
    // actually read, never with what a length field announces.
    uint32_t max_block_size = 256u << 20;
};

struct CaptureStats {
    uint64_t blocks = 0;  // blocks read, including the section headers
    uint64_t event_blocks = 0;  // event blocks read
    uint64_t events = 0;  // events yielded (hidden ones included)
    uint64_t dropped = 0;  // dropped by the conversion rules (stored enter events, unused and old types)
    uint64_t unknown_types = 0;  // event types past the event table, skipped as libscap does
    uint64_t conversion_errors = 0;  // events libscap fails to convert (libsinsp skips them)
    uint64_t skipped_blocks = 0;  // interface lists, user lists and unknown block types
    uint64_t sections = 0;
    std::vector<std::string> warnings;  // the first conversion errors, with event numbers
};

// Reads a capture file, block by block. The constructor reads the section
// header and the metadata blocks up to the first event block; next() then
// yields the events. Throws CaptureError on a file it cannot read; never
// allocates more than the bytes the file really holds.
class CaptureReader {
public:
    explicit CaptureReader(const std::string& path, CaptureOptions options = {});
    // A capture held in memory (plain, not compressed); `name` is used in messages.
    static std::unique_ptr<CaptureReader> from_memory(std::vector<uint8_t> bytes, const std::string& name,
                                                      CaptureOptions options = {});
    ~CaptureReader();
    CaptureReader(const CaptureReader&) = delete;
    CaptureReader& operator=(const CaptureReader&) = delete;

    const std::string& path() const;
    uint16_t major_version() const;
    uint16_t minor_version() const;
    const std::optional<MachineInfo>& machine_info() const;
    // The threads of the process list blocks, in file order (a tid listed
    // twice keeps its last entry), with the fds of the fd list blocks.
    const std::vector<CaptureThread>& threads() const;
    const CaptureThread* find_thread(uint64_t tid) const;

    // The next event, or nothing at the end of the file. A new section (a
    // section header after events, as in concatenated captures) replaces the
    // machine info and the threads; section_changed() is then true until the
    // next call.
    std::optional<CaptureEvent> next();
    bool section_changed() const;
    const CaptureStats& stats() const;
    // Bytes consumed so far (of the uncompressed stream).
    uint64_t offset() const;

    struct Impl;

private:
    explicit CaptureReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

class ThreadsTable;
// Adds the capture's threads (CaptureReader::threads()) to the host's threads
// table, with their args, env, cgroups and fds, as libsinsp does when it opens
// a capture. A thread already there is replaced.
void load_capture_threads(ThreadsTable& threads, const std::vector<CaptureThread>& list);

// The part of libsinsp's parser (sinsp_parser) that keeps the threads table
// while a capture is read, for what plugins see of it: threads created by
// clone/fork/vfork/clone3 and changed by execve/execveat, removed after
// procexit; fds added by the open family and dup, removed after close.
// libsinsp runs it on each event before the plugins' parsers: call apply()
// before Plugins::parse. A malformed event changes nothing (apply never
// throws). docs/host.md ("State tracking") lists what it leaves out.
class StateTracker {
public:
    // boot_ts_epoch: the machine info's (new threads' pidns_init_start_ts).
    explicit StateTracker(ThreadsTable& threads, uint64_t boot_ts_epoch = 0);
    ~StateTracker();
    StateTracker(const StateTracker&) = delete;
    StateTracker& operator=(const StateTracker&) = delete;

    void apply(const HostEvent& evt);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// ---- the event table (driver/event_table.c, as data) ----------------------------------------

// The number of event types the table knows (PPM_EVENT_MAX).
uint16_t event_type_count();
// "open", "clone", "procinfo", ... ("" past the table).
const char* event_type_name(uint16_t type);
// Even types are enter events (and the events that have no pair), odd ones exit events.
inline bool event_is_enter(uint16_t type) {
    return (type & 1) == 0;
}
// The number of parameters of the current layout of `type`.
uint32_t event_param_count(uint16_t type);
// The ppm_param_type of parameter `i` of `type` (0 = PT_NONE past the list).
uint8_t event_param_type(uint16_t type, uint32_t i);
// 4 for the types whose parameter lengths are 32-bit (EF_LARGE_PAYLOAD), else 2.
uint32_t event_param_len_size(uint16_t type);

// A view of one parameter of a scap event (v2 layout), bounds-checked.
// Missing parameters (index past nparams, or a table that does not fit in
// len) read as absent.
std::optional<ByteSpan> event_param(const HostEvent& evt, uint32_t index);

}  // namespace falcogen::host
