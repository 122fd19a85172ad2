// The state tracker's process events, as libsinsp's parse_clone_exit_caller,
// parse_clone_exit_child and parse_execve_exit change the threads table.
// Clone exit parameters: 0 res, 1 exe, 2 args, 4 pid, 5 ptid, 7 fdlimit,
// 13 comm, 14 cgroups, 15 flags, 16 uid, 17 gid, 18 vtid, 19 vpid,
// 20 pidns_init_start_ts. Execve adds 15 env, 16 tty, 17 vpgid, 18 loginuid,
// 19 exe flags, 23-25 exe inode, 26 uid, 27 trusted exepath, 28 pgid, 29 gid.
#include "cgroups.hpp"
#include "state_tracker.hpp"

namespace falcogen::host {

using namespace track;

namespace {

// The event's cgroups (parameter 14) as libsinsp sets them, if it does.
void set_event_cgroups(ThreadsTable& threads, int64_t tid, const HostEvent& evt) {
    capture_detail::Cgroups cgroups;
    if (!param_empty(evt, 14) && capture_detail::parse_cgroups(param_strings(evt, 14), cgroups)) {
        threads.set_cgroups(tid, cgroups);
    }
}

// The fields a new thread copies from the thread it comes from.
const char* const kInherited[] = {
    "exe_path", "exe_writable", "exe_upper_layer", "exe_lower_layer", "exe_from_memfd", "root",         "sid", "vpgid",
    "pgid",     "tty",          "loginuid",        "exe_ino",         "exe_ino_ctime",  "exe_ino_mtime"};

// What every new thread takes from the event itself.
FieldValues child_values(const HostEvent& evt) {
    const std::string exe = param_str(evt, 1);
    FieldValues v{{"exe", exe}, {"comm", param_empty(evt, 13) ? exe : param_str(evt, 13)}};
    if (auto lim = param_s64(evt, 7)) v.emplace_back("fd_limit", *lim);
    if (auto uid = param_u32(evt, 16)) v.emplace_back("uid", *uid);
    if (auto gid = param_u32(evt, 17)) v.emplace_back("gid", *gid);
    return v;
}

void inherit(FieldValues& v, const EntryRef& from) {
    for (const char* f : kInherited) v.emplace_back(f, from.get(f));
}

// The new thread's entry, args, cgroups and (for a process) its copy of
// `from`'s fds, cwd and env.
EntryRef add_child(StateTracker::Impl& s, const HostEvent& evt, int64_t tid, const FieldValues& v,
                   const EntryRef* from) {
    EntryRef child = s.threads.add_thread(tid, v);
    s.threads.set_args(tid, param_strings(evt, 2));
    set_event_cgroups(s.threads, tid, evt);
    s.clone_ts[tid] = evt.ts();
    if (from == nullptr) return child;
    if (auto src = s.fd_table(get_s64(*from, "tid"))) {
        TableRef dst = child.subtable("file_descriptors");
        for (const EntryRef& fd : src->entries()) copy_fd(fd, dst, get_s64(fd, "fd"), kFdIsCloned);
    }
    s.threads.set_cwd(tid, s.cwd_of(*from));
    s.threads.set_env(tid, list_values(*from, "env"));
    return child;
}

void take_child_identity(StateTracker::Impl& s, const HostEvent& evt, int64_t tid) {
    EntryRef t = s.threads.thread(tid);
    t.set({{"exe", param_str(evt, 1)}, {"comm", param_empty(evt, 13) ? param_str(evt, 1) : param_str(evt, 13)}});
    s.threads.set_args(tid, param_strings(evt, 2));
}

}  // namespace

void StateTracker::Impl::clone_exit(const HostEvent& evt) {
    const auto res = param_s64(evt, 0);
    if (!res || *res < 0) return;
    if (*res == 0) {
        clone_child(evt);
    } else {
        clone_caller(evt, *res);
    }
}

// The parent's side: fixes up an unknown caller, and adds the child unless
// the child's own exit came first (PPM_CL_CLONE_INVERTED) or the child lives
// in another pid namespace (its own event then tells its ids).
void StateTracker::Impl::clone_caller(const HostEvent& evt, int64_t child_tid) {
    const auto caller_tid = static_cast<int64_t>(evt.tid());
    EntryRef caller = get_thread(caller_tid);
    const bool valid = !is_invalid(caller);
    if (!valid) {
        const bool ns = !param_empty(evt, 19);
        caller.set({{"pid", param_s64(evt, 4).value_or(-1)},
                    {"ptid", param_s64(evt, 5).value_or(-1)},
                    {"vtid", ns ? param_s64(evt, 18).value_or(-1) : caller_tid},
                    {"vpid", ns ? param_s64(evt, 19).value_or(-1) : -1}});
    }
    const uint32_t flags = param_u32(evt, 15).value_or(0);
    if ((flags & (kClChildInPidns | kClNewPid | kClParent)) != 0 || caller_tid != get_s64(caller, "vtid")) return;
    if ((flags & kClVfork) != 0 || evt.type() == kVforkX) return;  // the child may already have exited
    if (has_recently_exited(child_tid, caller_tid, evt.ts())) return;
    if (auto existing = find_thread(child_tid)) {
        if ((get_u32(*existing, "flags") & kClInverted) != 0) return;
        remove_thread(child_tid);
    }
    FieldValues v = child_values(evt);
    const bool thread = (flags & kClThread) != 0;
    const int64_t pid = thread ? get_s64(caller, "pid") : child_tid;
    v.emplace_back("flags", thread ? flags | kClFiles : flags);
    v.emplace_back("pid", pid);
    v.emplace_back("ptid", thread ? get_s64(caller, "ptid") : caller_tid);
    v.emplace_back("vtid", child_tid);
    v.emplace_back("vpid", pid);
    v.emplace_back("pidns_init_start_ts", boot_ts);
    if (valid) inherit(v, caller);
    add_child(*this, evt, child_tid, v, valid && !thread ? &caller : nullptr);
    if (!valid) take_child_identity(*this, evt, caller_tid);
}

// The child's side: the thread it comes from is its parent (a process) or
// its main thread (a thread).
void StateTracker::Impl::clone_child(const HostEvent& evt) {
    const auto tid = static_cast<int64_t>(evt.tid());
    if (find_thread(tid)) {
        auto ts = clone_ts.find(tid);
        if (ts != clone_ts.end() && ts->second != 0) {
            if (evt.ts() - ts->second < kCloneStaleNs) return;  // the caller added it already
            remove_thread(tid);
        }
    }
    const int64_t pid = param_s64(evt, 4).value_or(-1), ptid = param_s64(evt, 5).value_or(-1);
    const bool ns = !param_empty(evt, 19);
    const int64_t vtid = ns ? param_s64(evt, 18).value_or(-1) : tid, vpid = ns ? param_s64(evt, 19).value_or(-1) : -1;
    uint32_t flags = param_u32(evt, 15).value_or(0) | kClInverted;
    const bool leader = (flags & kClThread) == 0;
    if (!leader) flags |= kClFiles;
    EntryRef from = get_thread(leader ? ptid : pid);
    const bool valid = !is_invalid(from);
    if (!valid && !leader) from.set({{"pid", pid}, {"ptid", ptid}, {"vpid", vpid}, {"vtid", vpid}});
    FieldValues v = child_values(evt);
    v.emplace_back("pid", pid);
    v.emplace_back("ptid", ptid);
    v.emplace_back("vtid", vtid);
    v.emplace_back("vpid", vpid);
    v.emplace_back("flags", flags);
    if (valid) inherit(v, from);
    if ((flags & (kClChildInPidns | kClNewPid)) != 0 || tid != vtid) {
        if (auto start = param_u64(evt, 20)) v.emplace_back("pidns_init_start_ts", *start + boot_ts);
    } else {
        v.emplace_back("pidns_init_start_ts", boot_ts);
    }
    add_child(*this, evt, tid, v, valid && leader ? &from : nullptr);
    if (!valid && !leader) take_child_identity(*this, evt, get_s64(from, "tid"));
}

namespace {

// The execve fields that come from optional parameters (newer drivers).
void execve_optional(const HostEvent& evt, EntryRef& t) {
    if (auto tty = param_u32(evt, 16)) t.set("tty", *tty);
    if (auto vpgid = param_s64(evt, 17)) t.set("vpgid", *vpgid);
    if (auto loginuid = param_u32(evt, 18)) t.set("loginuid", *loginuid);
    if (auto f = param_u32(evt, 19)) {
        t.set({{"exe_writable", (*f & 1u) != 0},
               {"exe_upper_layer", (*f & 2u) != 0},
               {"exe_from_memfd", (*f & 4u) != 0},
               {"exe_lower_layer", (*f & 8u) != 0}});
    }
    if (!param_empty(evt, 25)) {
        t.set({{"exe_ino", param_u64(evt, 23).value_or(0)},
               {"exe_ino_ctime", param_u64(evt, 24).value_or(0)},
               {"exe_ino_mtime", param_u64(evt, 25).value_or(0)}});
    }
    if (auto uid = param_u32(evt, 26)) t.set("uid", *uid);
    if (!param_empty(evt, 27)) t.set("exe_path", param_str(evt, 27));
    t.set("pgid", param_s64(evt, 28).value_or(-1));
    if (auto gid = param_u32(evt, 29)) t.set("gid", *gid);
}

bool close_on_exec(const EntryRef& fd) {
    const uint32_t flags = get_u32(fd, "open_flags");
    const auto type = static_cast<CaptureFdType>(fd.get<uint8_t>("type"));
    if ((flags & kOCloexec) != 0) return true;
    return (type == CaptureFdType::EventPoll || type == CaptureFdType::MemFd) && (flags & kEpollCloexec) != 0;
}

}  // namespace

void StateTracker::Impl::execve_exit(const HostEvent& evt) {
    const auto res = param_s64(evt, 0);
    if (!res || *res < 0) return;
    const auto tid = static_cast<int64_t>(evt.tid());
    EntryRef t = get_thread(tid);
    const std::string exe = param_str(evt, 1);
    t.set({{"exe", exe}, {"comm", param_empty(evt, 13) ? exe : param_str(evt, 13)}});
    threads.set_args(tid, param_strings(evt, 2));
    if (auto pid = param_s64(evt, 4)) t.set("pid", *pid);
    if (is_invalid(t)) {
        t.set("ptid", param_s64(evt, 5).value_or(-1));
        if ((get_u32(t, "flags") & kClChildInPidns) == 0) t.set({{"vtid", tid}, {"vpid", get_s64(t, "pid")}});
    }
    if (auto lim = param_s64(evt, 7)) t.set("fd_limit", *lim);
    if (!param_empty(evt, 15)) threads.set_env(tid, param_strings(evt, 15));
    set_event_cgroups(threads, tid, evt);
    execve_optional(evt, t);
    if (auto fds = fd_table(tid)) {
        std::vector<int64_t> closing;
        for (const EntryRef& fd : fds->entries()) {
            if (close_on_exec(fd)) closing.push_back(get_s64(fd, "fd"));
        }
        for (int64_t fd : closing) fds->erase(fd);
    }
    const uint32_t old = get_u32(t, "flags");
    t.set("flags", kClActive | kClNameChanged | (old & (kClPipeSrc | kClPipeDst | kClMainThread | kClInverted)));
    // The other threads of the process are gone (the main thread stays).
    const int64_t pid = get_s64(t, "pid");
    std::vector<int64_t> others;
    threads.for_each([&](const EntryRef& e) {
        const int64_t other = get_s64(e, "tid");
        if (get_s64(e, "pid") == pid && other != pid && other != tid) others.push_back(other);
        return true;
    });
    for (int64_t other : others) remove_thread(other);
}

}  // namespace falcogen::host
