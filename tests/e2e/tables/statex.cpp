#include <cstring>
#include <string>

#include "plugin.gen.hpp"

namespace statex {
namespace {

// An event whose first parameter is 8 bytes wide names a file descriptor
// there (read, write, close... enter events): close enough for a test.
bool first_param_fd(const Event& event, int64_t& fd) {
    falcogen::ByteView param;
    if (!event.scap().param(0, param) || param.size != 8) return false;
    std::memcpy(&fd, param.data, 8);
    return true;
}

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        auto thread = tables().threads.get(event.tid());
        if (!thread) return;
        thread->set_statex_events(thread->statex_events() + 1);
        thread->set_statex_last(std::to_string(event.type()));
        StatexCommsEntry& comm = tables().statex_comms.get_or_add(thread->comm());
        if (comm.events++ == 0) comm.first_tid = event.tid();
        int64_t fd = 0;
        if (!first_param_fd(event, fd)) return;
        if (auto file = thread->file_descriptors().get(fd)) file->set_statex_touched(true);
    }

    bool extract_statex_fd_touched(const Event& event, const falcogen::FieldArg& arg, bool& out) override {
        auto thread = tables().threads.get(event.tid());
        if (!thread) return false;
        auto file = thread->file_descriptors().get(static_cast<int64_t>(arg.index));
        if (!file) return false;
        out = file->statex_touched();
        return true;
    }
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace statex
