// The state tracker's fd events, as libsinsp's parse_open_openat_creat_exit,
// parse_close_exit and parse_dup_exit change a thread's file_descriptors,
// and the path arithmetic they use (sinsp_utils::concatenate_paths).
#include "state_tracker.hpp"

namespace falcogen::host {

namespace track {

namespace {

constexpr size_t kMaxPath = 1024;  // SCAP_MAX_PATH_SIZE

// Back to the separator before the last component of `out`.
void rewind_to_parent(std::string& out) {
    if (out.size() <= 1) return;
    out.pop_back();
    while (!out.empty() && out.back() != '/') out.pop_back();
}

// Appends `path` to `out` with "./" dropped, "../" climbing, repeated
// separators folded and a trailing separator removed, as libsinsp's
// copy_and_normalize_path does, its quirks included (it climbs over the
// whole output, the directory part too; a path too long is cut short).
void append_normalized(std::string& out, std::string_view path) {
    const bool empty_base = out.empty();
    auto at = [&](size_t k) { return k < path.size() ? path[k] : '\0'; };
    size_t pc = 0;
    while (at(pc) != '\0') {
        const char c = path[pc];
        size_t skip = 0;
        if (c == '.' && (out.empty() || out.back() == '/')) {
            if (at(pc + 1) == '.' && (at(pc + 2) == '/' || at(pc + 2) == '\0')) {
                rewind_to_parent(out);
                skip = at(pc + 2) == '/' ? 3 : 2;
            } else if (at(pc + 1) == '/') {
                skip = 2;
            } else if (at(pc + 1) == '\0') {
                skip = 1;
            }
        } else if (c == '/' && ((!out.empty() && out.back() == '/') || (out.empty() && !empty_base))) {
            skip = 1;
        }
        if (skip != 0) {
            pc += skip;
            continue;
        }
        if (out.size() + 1 >= kMaxPath) return;
        out.push_back(c);
        ++pc;
    }
    if (out.size() > 1 && out.back() == '/') out.pop_back();
}

}  // namespace

std::string concatenate_paths(std::string_view dir, std::string_view name) {
    if (dir.size() + name.size() + 1 > kMaxPath) return "/DIR_TOO_LONG/FILENAME_TOO_LONG";
    std::string out;
    if (!name.empty() && name[0] != '/') {
        out.assign(dir.data(), dir.size());
        append_normalized(out, name);
    } else {
        append_normalized(out, name);
    }
    return out;
}

}  // namespace track

using namespace track;

namespace {

struct Opened {
    std::string name;  // as the event has it (name_raw)
    std::string dir;  // what a relative name is relative to ("" for none)
    uint32_t flags = 0;
    uint32_t dev = 0;
    uint64_t ino = 0;
};

// parse_dirfd: "." for an absolute name, the cwd for AT_FDCWD, else the dirfd's name.
std::string dirfd_dir(StateTracker::Impl& s, const EntryRef& thread, const std::string& name, int64_t dirfd) {
    if (!name.empty() && name[0] == '/') return ".";
    if (dirfd == kAtFdcwd) return s.cwd_of(thread);
    auto fds = s.fd_table(get_s64(thread, "tid"));
    auto fd = fds ? fds->find(dirfd) : std::nullopt;
    if (!fd) return "<UNKNOWN>";
    std::string dir = fd->get<std::string>("name");
    if (!dir.empty() && dir.back() != '/') dir += '/';
    return dir;
}

Opened read_open(StateTracker::Impl& s, const HostEvent& evt, const EntryRef& thread) {
    Opened o;
    const uint16_t type = evt.type();
    if (type == kOpenX || type == kCreatX) {
        o.name = param_str(evt, 1);
        const uint32_t dev_at = type == kOpenX ? 4 : 3;
        if (type == kOpenX) o.flags = param_u32(evt, 2).value_or(0);
        if (auto dev = param_u32(evt, dev_at)) {
            o.dev = *dev;
            if (auto ino = param_u64(evt, dev_at + 1)) o.ino = *ino;
        }
        const auto creat = type == kCreatX && o.ino != 0 ? param_u16(evt, 5) : std::nullopt;
        if (creat && (*creat & kUpperLayerCreat) != 0) {
            o.flags |= kFdUpperLayer;
        } else if (creat && (*creat & kLowerLayerCreat) != 0) {
            o.flags |= kFdLowerLayer;
        }
        o.dir = s.cwd_of(thread);
    } else if (type == kOpenatX || type == kOpenat2X) {
        o.name = param_empty(evt, 2) ? "<NA>" : param_str(evt, 2);
        o.flags = param_u32(evt, 3).value_or(0);
        const uint32_t dev_at = type == kOpenatX ? 5 : 6;
        if (!param_empty(evt, dev_at + 1)) {
            o.dev = param_u32(evt, dev_at).value_or(0);
            o.ino = param_u64(evt, dev_at + 1).value_or(0);
        }
        if (auto dirfd = param_s64(evt, 1)) o.dir = dirfd_dir(s, thread, o.name, *dirfd);
    } else {  // open_by_handle_at: the driver resolves the path itself
        o.flags = param_u32(evt, 2).value_or(0);
        o.name = param_str(evt, 3);
        o.dev = param_u32(evt, 4).value_or(0);
        o.ino = param_u64(evt, 5).value_or(0);
    }
    return o;
}

}  // namespace

void StateTracker::Impl::open_exit(const HostEvent& evt) {
    const auto fd = param_s64(evt, 0);
    if (!fd || *fd < 0) return;
    const EntryRef thread = get_thread(static_cast<int64_t>(evt.tid()));
    const Opened o = read_open(*this, evt, thread);
    auto fds = fd_table(get_s64(thread, "tid"));
    if (!fds) return;
    uint32_t fd_flags = 0;
    if ((o.flags & kFdUpperLayer) != 0) fd_flags |= kFdOverlayUpper;
    if ((o.flags & kFdLowerLayer) != 0) fd_flags |= kFdOverlayLower;
    const auto type = (o.flags & kODirectory) != 0 ? CaptureFdType::Directory : CaptureFdType::FileV2;
    fds->add(*fd, {{"type", static_cast<uint8_t>(type)},
                   {"open_flags", o.flags},
                   {"dev", o.dev},
                   {"ino", o.ino},
                   {"name_raw", o.name},
                   {"name", concatenate_paths(o.dir, o.name)},
                   {"flags", fd_flags}});
}

// The fd goes when the next event comes: the plugins still see it while they
// parse the close.
void StateTracker::Impl::close_exit(const HostEvent& evt) {
    const auto res = param_s64(evt, 0);
    const auto fd = param_s64(evt, 1);
    if (!res || *res < 0 || !fd) return;
    const auto tid = static_cast<int64_t>(evt.tid());
    auto fds = fd_table(tid);
    if (!fds || !fds->find(*fd)) return;
    if (fds_tid != tid) fds_to_remove.clear();
    fds_tid = tid;
    fds_to_remove.push_back(*fd);
}

// The new fd is a copy of the old one, without its close-on-exec bits
// (dup3 may set O_CLOEXEC again). Returning 0 or 1 marks a shell pipe end.
void StateTracker::Impl::dup_exit(const HostEvent& evt) {
    const auto res = param_s64(evt, 0);
    const auto oldfd = param_s64(evt, 1);
    if (!res || *res < 0 || !oldfd) return;
    const auto tid = static_cast<int64_t>(evt.tid());
    auto fds = fd_table(tid);
    const auto old = fds ? fds->find(*oldfd) : std::nullopt;
    if (!old) return;
    EntryRef thread = threads.thread(tid);
    if (*res == 0) thread.set("flags", get_u32(thread, "flags") | kClPipeDst);
    if (*res == 1) thread.set("flags", get_u32(thread, "flags") | kClPipeSrc);
    if (*res == *oldfd) return;  // same entry: libsinsp's copy replaces it with itself
    copy_fd(*old, *fds, *res, 0);
    EntryRef copy = *fds->find(*res);
    uint32_t open_flags = get_u32(copy, "open_flags") & ~(kOCloexec | kEpollCloexec);
    if (evt.type() == kDup3X && (param_u32(evt, 3).value_or(0) & kOCloexec) != 0) open_flags |= kOCloexec;
    copy.set("open_flags", open_flags);
}

}  // namespace falcogen::host
