// The heartbeat plugin: a producer that emits one `heartbeat` async event per
// interval while the host has a handler set (the host starts and stops it).
#include "plugin.gen.hpp"

namespace heartbeat {

namespace {

class HeartbeatPlugin final : public PluginBase {
public:
    explicit HeartbeatPlugin(const Config& config) : config_(config) {}

    void run_async(falcogen::AsyncEmitter& out) override {
        uint64_t seq = 0;
        while (out.wait_for(std::chrono::milliseconds(config_.interval_ms))) {
            if (out.emit("heartbeat", Beat{++seq, config_.message})) {
                ++metrics().beats;
            } else {
                ++metrics().refused;
            }
        }
    }

    // heartbeat.emitted: the beats metric, read on the plugin's own events.
    bool extract_heartbeat_emitted(const Event& event, uint64_t& out) override {
        if (event.async_name() != "heartbeat") return false;
        out = metrics().beats.get();
        return true;
    }

private:
    const Config& config_;
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger&) {
    return std::make_unique<HeartbeatPlugin>(config);
}

}  // namespace heartbeat
