// The heartbeat plugin: a producer that emits one `heartbeat` async event per
// interval while the host has a handler set (the host starts and stops it).
#include "plugin.gen.hpp"

namespace heartbeat {

namespace {

class HeartbeatPlugin final : public PluginBase {
public:
    void run_async(falcogen::AsyncEmitter& out) override {
        uint64_t seq = 0;
        while (out.wait_for(std::chrono::milliseconds(config().interval_ms))) {
            if (out.emit("heartbeat", Beat{++seq, config().message})) {
                ++metrics().beats;
            } else {
                ++metrics().refused;
            }
        }
    }

    // heartbeat.emitted: the beats metric, read on the plugin's own heartbeats.
    bool extract_heartbeat_emitted(const Beat&, uint64_t& out) override {
        out = metrics().beats.get();
        return true;
    }
};

}  // namespace

FALCOGEN_PLUGIN(HeartbeatPlugin)

}  // namespace heartbeat
