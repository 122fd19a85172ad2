// The opentrack plugin: parse() keeps the per-thread counters; the fields
// opentrack.opens and opentrack.last need no code (plugin.yaml binds them to
// the table fields), opentrack.fd_rank reads the thread's fd subtable.
#include <cstring>

#include "plugin.gen.hpp"

namespace opentrack {
namespace {

// Every event parsed is an open/openat/openat2 exit: parameter 0 is the new
// fd (negative on failure), the path is parameter 1 (open) or 2 (openat,
// openat2: after dirfd).
constexpr uint16_t kOpenExit = 3;

bool opened_fd(const Event& event, int64_t& fd) {
    falcogen::ByteView param;
    if (!event.scap().param(0, param) || param.size != sizeof fd) return false;
    std::memcpy(&fd, param.data, sizeof fd);
    return fd >= 0;
}

std::string_view opened_path(const Event& event) {
    falcogen::ByteView param;
    if (!event.scap().param(event.type() == kOpenExit ? 1 : 2, param) || param.size == 0) return {};
    const char* text = reinterpret_cast<const char*>(param.data);
    return {text, strnlen(text, param.size)};  // the driver NUL-terminates it
}

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        int64_t fd = 0;
        if (!opened_fd(event, fd)) return;
        auto thread = tables().threads.get(event.tid());
        if (!thread) return;
        uint64_t opens = thread->opentrack_opens() + 1;
        thread->set_opentrack_opens(opens);
        thread->set_opentrack_last(opened_path(event));
        if (auto file = thread->file_descriptors().get(fd)) file->set_opentrack_rank(opens);
    }

    bool extract_opentrack_fd_rank(const Event& event, const falcogen::FieldArg& arg, uint64_t& out) override {
        auto thread = tables().threads.get(event.tid());
        if (!thread) return false;
        auto file = thread->file_descriptors().get(static_cast<int64_t>(arg.index));
        if (!file || file->opentrack_rank() == 0) return false;
        out = file->opentrack_rank();
        return true;
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace opentrack
