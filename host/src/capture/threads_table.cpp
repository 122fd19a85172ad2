// The threads of a capture's process list blocks, loaded into the host's
// threads table as libsinsp loads them when a capture opens: every thread
// with its identity, its command line and environment, its cgroups and its
// file descriptors.
#include <falcogen/host/capture.hpp>
#include <falcogen/host/tables.hpp>

#include "cgroups.hpp"

#include "state_tracker.hpp"

namespace falcogen::host {

namespace {

FieldValues thread_values(const CaptureThread& t) {
    return {{"pid", static_cast<int64_t>(t.pid)},
            {"ptid", static_cast<int64_t>(t.ptid)},
            {"sid", t.sid},
            {"vpgid", t.vpgid},
            {"pgid", t.pgid},
            {"comm", t.comm},
            {"exe", t.exe},
            {"exe_path", t.exe_path},
            {"fd_limit", static_cast<int64_t>(t.fd_limit)},
            // libsinsp assumes the threads of /proc are active; a new threadinfo's name "changed"
            {"flags", t.flags | track::kClActive | track::kClNameChanged},
            {"uid", t.uid},
            {"gid", t.gid},
            {"loginuid", t.loginuid},
            {"vtid", t.vtid},
            {"vpid", t.vpid},
            {"root", t.root},
            {"tty", t.tty},
            {"pidns_init_start_ts", t.pidns_init_start_ts},
            {"exe_writable", t.exe_writable},
            {"exe_upper_layer", t.exe_upper_layer},
            {"exe_lower_layer", t.exe_lower_layer},
            {"exe_from_memfd", t.exe_from_memfd},
            {"exe_ino", t.exe_ino},
            {"exe_ino_ctime", t.exe_ino_ctime},
            {"exe_ino_mtime", t.exe_ino_mtime}};
}

constexpr uint32_t kFdFromProc = 1u << 0;  // sinsp_fdinfo::FLAGS_FROM_PROC

// sinsp_threadinfo::update_cwd: normalized, with a trailing '/'.
std::string main_thread_cwd(const std::string& cwd) {
    std::string out = track::concatenate_paths("", cwd);
    if (out.empty() || out.back() != '/') out += '/';
    return out;
}

}  // namespace

void load_capture_threads(ThreadsTable& threads, const std::vector<CaptureThread>& list) {
    for (const CaptureThread& t : list) {
        const auto tid = static_cast<int64_t>(t.tid);
        threads.add_thread(tid, thread_values(t));
        // An args block that is only the driver's NUL is no argument.
        threads.set_args(tid, t.args.size() == 1 && t.args[0].empty() ? std::vector<std::string>{} : t.args);
        capture_detail::Cgroups cgroups;
        if (capture_detail::parse_cgroups(t.cgroups, cgroups)) threads.set_cgroups(tid, cgroups);
        if (t.tid == t.pid) {  // the env and cwd of a process are its main thread's
            threads.set_env(tid, t.env);
            threads.set_cwd(tid, main_thread_cwd(t.cwd));
        }
    }
    // The fds after every thread: a thread sharing its main thread's fds
    // (CLONE_FILES) writes them to the main thread's table, which must exist.
    for (const CaptureThread& t : list) {
        for (const auto& [fd, f] : t.fds) {
            threads.add_fd(static_cast<int64_t>(t.tid), fd,
                           {{"name", f.name},
                            {"type", static_cast<uint8_t>(f.type)},
                            {"ino", f.ino},
                            {"open_flags", f.open_flags},
                            {"dev", f.dev},
                            {"flags", kFdFromProc}});
        }
    }
}

}  // namespace falcogen::host
