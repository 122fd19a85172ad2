// The state tracker: libsinsp's sinsp::next() and sinsp_parser::reset() for
// the threads table (deferred removals, lazy "<NA>" threads), then the
// routing of each event to its parser (state_tracker_clone.cpp for clone and
// execve, state_tracker_fds.cpp for the fd events), and procexit.
#include "state_tracker.hpp"

#include <cstring>
#include <exception>

#include "event_table.hpp"

namespace falcogen::host {

namespace track {

std::optional<ByteSpan> param(const HostEvent& evt, uint32_t i) {
    return event_param(evt, i);
}

bool param_empty(const HostEvent& evt, uint32_t i) {
    const auto p = param(evt, i);
    return !p || p->empty();
}

namespace {

template <typename T>
std::optional<T> fixed(const HostEvent& evt, uint32_t i) {
    const auto p = param(evt, i);
    if (!p || p->size != sizeof(T)) return std::nullopt;
    T v{};
    std::memcpy(&v, p->data, sizeof v);
    return v;
}

}  // namespace

std::optional<int64_t> param_s64(const HostEvent& evt, uint32_t i) {
    return fixed<int64_t>(evt, i);
}
std::optional<uint64_t> param_u64(const HostEvent& evt, uint32_t i) {
    return fixed<uint64_t>(evt, i);
}
std::optional<uint32_t> param_u32(const HostEvent& evt, uint32_t i) {
    return fixed<uint32_t>(evt, i);
}
std::optional<uint16_t> param_u16(const HostEvent& evt, uint32_t i) {
    return fixed<uint16_t>(evt, i);
}

std::string param_str(const HostEvent& evt, uint32_t i) {
    const auto p = param(evt, i);
    if (!p || p->empty()) return {};
    const char* text = reinterpret_cast<const char*>(p->data);
    return std::string(text, strnlen(text, p->size));
}

std::vector<std::string> param_strings(const HostEvent& evt, uint32_t i) {
    const auto p = param(evt, i);
    if (!p) return {};
    std::string_view sv(reinterpret_cast<const char*>(p->data), p->size);
    if (!sv.empty() && sv.back() == '\0') sv.remove_suffix(1);  // the driver's terminator
    std::vector<std::string> out;
    if (sv.empty()) return out;
    size_t start = 0;
    for (size_t k = 0; k < sv.size(); ++k) {
        if (sv[k] == '\0') {
            out.emplace_back(sv.substr(start, k - start));
            start = k + 1;
        }
    }
    out.emplace_back(sv.substr(start));
    return out;
}

int64_t get_s64(const EntryRef& e, const char* field) {
    return e.get<int64_t>(field);
}

uint32_t get_u32(const EntryRef& e, const char* field) {
    return e.get<uint32_t>(field);
}

bool is_invalid(const EntryRef& thread) {
    return get_s64(thread, "tid") < 0 || get_s64(thread, "pid") < 0 || get_s64(thread, "ptid") < 0;
}

std::vector<std::string> list_values(const EntryRef& thread, const char* field) {
    std::vector<std::string> out;
    for (const EntryRef& e : thread.subtable(field).entries()) out.push_back(e.get<std::string>("value"));
    return out;
}

void copy_fd(const EntryRef& from, TableRef& to, int64_t fd, uint32_t add_flags) {
    FieldValues values;
    for (const TableFieldInfo& f : to.fields()) {
        if (f.type == SS_PLUGIN_ST_TABLE || f.read_only || f.name == "fd") continue;
        values.emplace_back(f.name, from.get(f.name));
    }
    EntryRef copy = to.add(fd, values);
    copy.set("flags", get_u32(copy, "flags") | add_flags);
}

}  // namespace track

using namespace track;

namespace {

bool is_clone_exit(uint16_t type) {
    return type == kCloneX || type == kForkX || type == kVforkX || type == kClone3X;
}

// Meta events: libsinsp's reset() gives them no thread.
bool is_meta(uint16_t type) {
    return type == kContainerJson2E || (type >= kUserAddedE && type <= kGroupDeletedE) || type == kPluginEvent ||
           type == kAsyncEvent;
}

}  // namespace

// ---- thread lookups and removal -----------------------------------------------------------------

std::optional<EntryRef> StateTracker::Impl::find_thread(int64_t tid) const {
    return threads.find(tid);
}

EntryRef StateTracker::Impl::get_thread(int64_t tid) {
    if (auto t = find_thread(tid)) return *t;
    return threads.add_thread(tid, {{"pid", -1}, {"ptid", -1}, {"reaper_tid", -1}, {"comm", "<NA>"}, {"exe", "<NA>"}});
}

std::optional<TableRef> StateTracker::Impl::fd_table(int64_t tid) const {
    try {
        return threads.fds(tid);
    } catch (const std::exception&) {
        return std::nullopt;  // no thread, or a CLONE_FILES thread without its main thread
    }
}

std::string StateTracker::Impl::cwd_of(const EntryRef& thread) const {
    // sinsp_threadinfo::get_cwd(): the main thread's, "./" without one.
    const int64_t tid = get_s64(thread, "tid"), pid = get_s64(thread, "pid");
    if (tid == pid) return thread.get<std::string>("cwd");
    if (pid < 0) return "./";
    const auto main = find_thread(pid);
    return main ? main->get<std::string>("cwd") : "./";
}

// sinsp_thread_manager::remove_thread: a main thread stays (dead) while other
// threads of its process live; the last one takes it along.
void StateTracker::Impl::remove_thread(int64_t tid) {
    auto t = find_thread(tid);
    if (!t) return;
    clone_ts.erase(tid);
    if (is_invalid(*t)) {
        threads.erase(tid);
        return;
    }
    const int64_t pid = get_s64(*t, "pid");
    t->set("flags", get_u32(*t, "flags") | kClClosed);
    bool alive = false;
    threads.for_each([&](const EntryRef& e) {
        alive = get_s64(e, "pid") == pid && (get_u32(e, "flags") & kClClosed) == 0;
        return !alive;
    });
    if (!alive && find_thread(pid)) {
        threads.erase(pid);
        clone_ts.erase(pid);
    }
    if (tid != pid && find_thread(tid)) threads.erase(tid);
}

bool StateTracker::Impl::has_recently_exited(int64_t tid, int64_t ptid, uint64_t ts) const {
    for (const auto& [key, when] : recently_exited) {
        if (key == std::make_pair(ptid, tid) && ts >= when && ts - when < kRecentlyExitedNs) return true;
    }
    return false;
}

// sinsp::next(): what the previous event scheduled (procexit, close).
void StateTracker::Impl::flush_removals(uint64_t ts) {
    if (tid_to_remove) {
        const int64_t tid = *tid_to_remove;
        tid_to_remove.reset();
        const auto t = find_thread(tid);
        recently_exited.emplace_back(std::make_pair(t ? get_s64(*t, "ptid") : -1, tid), ts);
        if (recently_exited.size() > kRecentlyExitedRing) recently_exited.pop_front();
        remove_thread(tid);
    }
    if (!fds_to_remove.empty()) {
        const std::vector<int64_t> fds = std::move(fds_to_remove);
        fds_to_remove.clear();
        if (auto table = fd_table(fds_tid)) {
            for (int64_t fd : fds) {
                if (table->find(fd)) table->erase(fd);
            }
        }
    }
}

// ---- the event loop -----------------------------------------------------------------------------

void StateTracker::Impl::apply(const HostEvent& evt) {
    if (evt.bytes().size() < kEventHeaderSize) return;  // no event: libsinsp would never see it
    flush_removals(evt.ts());
    const uint16_t type = evt.type();
    if (type >= event_type_count() || is_meta(type)) return;
    if ((capture::kEventTable[type].flags & kSkipParseReset) != 0) return;
    const auto tid = static_cast<int64_t>(evt.tid());
    // reset(): every event but clone exits, context switches and procexit
    // looks its thread up "in /proc", which for a capture adds a "<NA>" entry.
    const bool schedswitch = type == kSchedSwitch1E || type == kSchedSwitch6E;
    if (!is_clone_exit(type) && !schedswitch && type != kProcExit1E) {
        EntryRef t = get_thread(tid);
        t.set("flags", get_u32(t, "flags") | kClActive);
    }
    switch (type) {
        case kCloneX:
        case kForkX:
        case kVforkX:
        case kClone3X: clone_exit(evt); break;
        case kExecveX:
        case kExecveatX: execve_exit(evt); break;
        case kProcExit1E: procexit(evt); break;
        case kChdirX:
        case kFchdirX:
        case kGetcwdX: cwd_exit(evt); break;
        case kOpenX:
        case kCreatX:
        case kOpenatX:
        case kOpenat2X:
        case kOpenByHandleAtX: open_exit(evt); break;
        case kCloseX: close_exit(evt); break;
        case kDup1X:
        case kDup2X:
        case kDup3X: dup_exit(evt); break;
        default: new_fd_exit(evt); break;
    }
}

// parse_thread_exit: the thread is marked dead now and removed when the next
// event comes, so the plugins still find it while they parse procexit.
void StateTracker::Impl::procexit(const HostEvent& evt) {
    const auto tid = static_cast<int64_t>(evt.tid());
    auto t = find_thread(tid);
    if (!t) return;
    t->set("flags", get_u32(*t, "flags") | kClClosed);
    tid_to_remove = tid;
}

// chdir, fchdir and getcwd (sinsp_threadinfo::update_cwd): the process's cwd
// is its main thread's; a relative path joins the calling thread's own cwd.
void StateTracker::Impl::cwd_exit(const HostEvent& evt) {
    const auto res = param_s64(evt, 0);
    if (!res || *res < 0) return;
    const auto tid = static_cast<int64_t>(evt.tid());
    const EntryRef t = get_thread(tid);
    std::string path;
    if (evt.type() == kFchdirX) {
        const auto fd = param_s64(evt, 1);
        auto fds = fd_table(tid);
        const auto entry = fd && fds ? fds->find(*fd) : std::nullopt;
        if (!entry) return;
        path = entry->get<std::string>("name");
    } else {
        path = param_str(evt, 1);
    }
    const int64_t pid = get_s64(t, "pid");
    if (tid != pid && (pid < 0 || !find_thread(pid))) return;  // no main thread
    std::string cwd = concatenate_paths(t.get<std::string>("cwd"), path);
    if (cwd.empty() || cwd.back() != '/') cwd += '/';
    threads.set_cwd(pid, cwd);
}

// ---- StateTracker -------------------------------------------------------------------------------

StateTracker::StateTracker(ThreadsTable& threads, uint64_t boot_ts_epoch)
    : impl_(std::make_unique<Impl>(threads, boot_ts_epoch)) {}

StateTracker::~StateTracker() = default;

void StateTracker::apply(const HostEvent& evt) {
    try {
        impl_->apply(evt);
    } catch (const std::exception&) {
        // A malformed event (or a table the plugins changed under us) stops
        // its own update; the replay goes on, as libsinsp's would.
    }
}

}  // namespace falcogen::host
