// The commstats plugin: parse() counts into its own table, keyed by the
// thread's comm. Its fields and the other plugins' reads need no code here.
#include <cstring>

#include "plugin.gen.hpp"

namespace commstats {
namespace {

// execve exit (PPME_SYSCALL_EXECVE_19_X): libsinsp has already set the
// thread's new comm when a plugin parses it; parameter 0 is the result.
constexpr uint16_t kExecveExit = 293;

bool succeeded(const Event& event) {
    falcogen::ByteView param;
    int64_t res = -1;
    if (!event.scap().param(0, param) || param.size != sizeof res) return false;
    std::memcpy(&res, param.data, sizeof res);
    return res == 0;
}

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        auto thread = tables().threads.get(event.tid());
        if (!thread || thread->comm().empty()) return;
        CommstatsEntry& stats = tables().commstats.get_or_add(thread->comm());
        if (stats.events++ == 0) stats.first_tid = event.tid();
        if (event.type() == kExecveExit && succeeded(event)) ++stats.execs;
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace commstats
