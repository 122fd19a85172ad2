// The commwatch plugin: reads commstats' table (another plugin's) by the
// comm of the event's thread, and writes a field it added to that table.
#include "plugin.gen.hpp"

namespace commwatch {
namespace {

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        auto stats = stats_of(event);
        if (stats && stats->events() >= threshold() && stats->commwatch_noisy_at() == 0) {
            stats->set_commwatch_noisy_at(event.evtnum());
        }
    }

    bool extract_commwatch_events(const Event& event, uint64_t& out) override {
        auto stats = stats_of(event);
        if (!stats) return false;
        out = stats->events();
        return true;
    }

    bool extract_commwatch_noisy(const Event& event, bool& out) override {
        auto stats = stats_of(event);
        if (!stats) return false;
        out = stats->commwatch_noisy_at() != 0;
        return true;
    }

    bool extract_commwatch_noisy_at(const Event& event, uint64_t& out) override {
        auto stats = stats_of(event);
        if (!stats || stats->commwatch_noisy_at() == 0) return false;
        out = stats->commwatch_noisy_at();
        return true;
    }

    bool extract_commwatch_first_tid(const Event& event, uint64_t& out) override {
        auto stats = stats_of(event);
        if (!stats) return false;
        out = static_cast<uint64_t>(stats->first_tid());
        return true;
    }

private:
    // The commstats entry of the event's thread's comm. The thread entry goes
    // out of scope before the lookup; the comm is copied for it.
    std::optional<CommstatsEntry> stats_of(const Event& event) const {
        std::string comm;
        if (auto thread = tables().threads.get(event.tid())) comm = thread->comm();
        if (comm.empty()) return std::nullopt;
        return tables().commstats.get(comm);
    }

    uint64_t threshold() const { return static_cast<uint64_t>(config().threshold); }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace commwatch
