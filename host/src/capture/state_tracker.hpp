// The state tracker's internals (not installed): the libsinsp constants it
// uses, bounds-checked parameter readers, and StateTracker::Impl, whose
// member functions are split by subject across state_tracker*.cpp.
#pragma once

#include <falcogen/host/capture.hpp>
#include <falcogen/host/tables.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace falcogen::host {

namespace track {

// Event types (ppm_event_code) of the current layouts the reader yields.
enum EventType : uint16_t {
    kOpenX = 3,
    kCloseX = 5,
    kGetcwdX = 93,
    kChdirX = 95,
    kFchdirX = 97,
    kSocketX = 19,
    kSocketpairX = 43,
    kPipeX = 61,
    kEventfdX = 63,
    kSignalfdX = 127,
    kTimerfdCreateX = 137,
    kInotifyInitX = 139,
    kCreatX = 59,
    kSchedSwitch1E = 146,
    kSchedSwitch6E = 152,
    kProcExit1E = 186,
    kCloneX = 223,
    kForkX = 225,
    kVforkX = 227,
    kContainerE = 228,
    kContainerJsonE = 272,
    kExecveX = 293,
    kOpenatX = 307,
    kPluginEvent = 322,
    kContainerJson2E = 324,
    kOpenat2X = 327,
    kExecveatX = 331,
    kClone3X = 335,
    kOpenByHandleAtX = 337,
    kUserAddedE = 354,
    kGroupDeletedE = 360,
    kDup2X = 363,
    kDup3X = 365,
    kDup1X = 367,
    kEpollCreateX = 375,
    kEpollCreate1X = 377,
    kPipe2X = 393,
    kInotifyInit1X = 395,
    kEventfd2X = 397,
    kSignalfd4X = 399,
    kAsyncEvent = 402,
};

// ppm_event_flags EF_SKIPPARSERESET: libsinsp's reset() looks no thread up.
constexpr uint32_t kSkipParseReset = 1u << 8;

// PPM_CL_* thread flags.
constexpr uint32_t kClFiles = 1u << 0;
constexpr uint32_t kClNewPid = 1u << 6;
constexpr uint32_t kClParent = 1u << 8;
constexpr uint32_t kClThread = 1u << 13;
constexpr uint32_t kClInverted = 1u << 16;
constexpr uint32_t kClNameChanged = 1u << 17;
constexpr uint32_t kClClosed = 1u << 18;
constexpr uint32_t kClActive = 1u << 19;
constexpr uint32_t kClPipeSrc = 1u << 21;
constexpr uint32_t kClPipeDst = 1u << 22;
constexpr uint32_t kClVfork = 1u << 27;
constexpr uint32_t kClChildInPidns = 1u << 29;
constexpr uint32_t kClMainThread = 1u << 30;

// PPM_O_* open flags, and the fd flags (sinsp_fdinfo::FLAGS_*).
constexpr uint32_t kODirectory = 1u << 10;
constexpr uint32_t kOCloexec = 1u << 12;
constexpr uint32_t kFdUpperLayer = 1u << 15;
constexpr uint32_t kFdLowerLayer = 1u << 16;
constexpr uint32_t kEpollCloexec = 1u << 0;  // PPM_EPOLL_CLOEXEC, PPM_MFD_CLOEXEC
constexpr uint16_t kUpperLayerCreat = 1u << 0, kLowerLayerCreat = 1u << 1;
constexpr uint32_t kFdIsCloned = 1u << 14;
constexpr uint32_t kFdOverlayUpper = 1u << 17, kFdOverlayLower = 1u << 18;
constexpr int64_t kAtFdcwd = -100;

constexpr uint64_t kCloneStaleNs = 2000000000ull;  // CLONE_STALE_TIME_NS
constexpr uint64_t kRecentlyExitedNs = 2000000000ull;
constexpr size_t kRecentlyExitedRing = 8192;

// Parameter readers: nothing (std::nullopt / false) when the parameter is
// absent or does not have the width of its type.
std::optional<ByteSpan> param(const HostEvent& evt, uint32_t i);
bool param_empty(const HostEvent& evt, uint32_t i);
std::optional<int64_t> param_s64(const HostEvent& evt, uint32_t i);
std::optional<uint64_t> param_u64(const HostEvent& evt, uint32_t i);
std::optional<uint32_t> param_u32(const HostEvent& evt, uint32_t i);
std::optional<uint16_t> param_u16(const HostEvent& evt, uint32_t i);
// A string parameter up to its NUL ("" when absent).
std::string param_str(const HostEvent& evt, uint32_t i);
// A NUL-separated list (args, env, cgroups), as libsinsp splits it.
std::vector<std::string> param_strings(const HostEvent& evt, uint32_t i);

// sinsp_utils::concatenate_paths: dir + name, normalized ("./", "../", "//").
std::string concatenate_paths(std::string_view dir, std::string_view name);

}  // namespace track

struct StateTracker::Impl {
    ThreadsTable& threads;
    uint64_t boot_ts;
    // Removals libsinsp defers to the start of the next event.
    std::optional<int64_t> tid_to_remove;
    int64_t fds_tid = -1;
    std::vector<int64_t> fds_to_remove;
    // sinsp_threadinfo members that are no table fields.
    std::map<int64_t, uint64_t> clone_ts;
    std::deque<std::pair<std::pair<int64_t, int64_t>, uint64_t>> recently_exited;  // ((ptid, tid), ts)

    Impl(ThreadsTable& t, uint64_t boot) : threads(t), boot_ts(boot) {}

    void apply(const HostEvent& evt);
    void flush_removals(uint64_t ts);
    // sinsp_thread_manager::get_thread for a capture: the thread, or a new
    // "<NA>" entry (a capture has no /proc to look the thread up in).
    EntryRef get_thread(int64_t tid);
    std::optional<EntryRef> find_thread(int64_t tid) const;
    void remove_thread(int64_t tid);
    bool has_recently_exited(int64_t tid, int64_t ptid, uint64_t ts) const;
    std::string cwd_of(const EntryRef& thread) const;
    std::optional<TableRef> fd_table(int64_t tid) const;

    void clone_exit(const HostEvent& evt);
    void clone_caller(const HostEvent& evt, int64_t child_tid);
    void clone_child(const HostEvent& evt);
    void execve_exit(const HostEvent& evt);
    void procexit(const HostEvent& evt);
    void cwd_exit(const HostEvent& evt);
    void open_exit(const HostEvent& evt);
    void close_exit(const HostEvent& evt);
    void dup_exit(const HostEvent& evt);
    // Returns whether it handled the event: pipes, sockets, and the fds of
    // one kind that only the return value names (eventfd, epoll, ...).
    bool new_fd_exit(const HostEvent& evt);
};

// Helpers shared by the clone and execve parsers.
namespace track {
int64_t get_s64(const EntryRef& e, const char* field);
uint32_t get_u32(const EntryRef& e, const char* field);
bool is_invalid(const EntryRef& thread);
std::vector<std::string> list_values(const EntryRef& thread, const char* field);
// Copies every field of an fd entry (the plugins' fields too), as sinsp_fdinfo::clone().
void copy_fd(const EntryRef& from, TableRef& to, int64_t fd, uint32_t add_flags);
}  // namespace track

}  // namespace falcogen::host
