// The asyncx test plugin: a producer whose behaviour the config's mode picks.
#include <atomic>

#include "plugin.gen.hpp"

namespace asyncx {

namespace {

class AsyncxPlugin final : public PluginBase {
public:
    AsyncxPlugin(const Config& config, const falcogen::Logger& log) : config_(config), log_(log) {}

    void run_async(falcogen::AsyncEmitter& out) override {
        const auto interval = std::chrono::microseconds(config_.interval_us);
        if (config_.mode == "throw") throw falcogen::Error("producer failed on purpose");
        if (config_.mode == "oversized") {
            const std::string big(falcogen::kMaxAsyncPayload + 1, 'x');
            log_.info(out.emit("asyncx_heartbeat", big) ? "oversized: emitted" : "oversized: refused");
            out.emit("asyncx_heartbeat", "after oversized");
        }
        if (out.emit("asyncx_unknown", "x")) log_.error("an unknown name was emitted");
        if (out.emit("asyncx_heartbeat", Tick{1, "wrong layout"})) log_.error("a wrong layout was emitted");
        while (out.wait_for(interval)) {
            const uint64_t n = ++count_;
            out.emit("asyncx_tick", Tick{n, "asyncx"});
            out.emit("asyncx_heartbeat", "beat " + std::to_string(n));
        }
        if (config_.mode == "late") {
            log_.info(out.emit("asyncx_heartbeat", "late") ? "late: emitted" : "late: refused");
        }
    }

    bool extract_asyncx_count(const Event&, uint64_t& out) override {
        out = count_.load();
        return true;
    }

    bool extract_asyncx_async_name(const Event& event, std::string& out) override {
        if (event.async_name().empty()) return false;
        out = event.async_name();
        return true;
    }

    void dump_state(falcogen::AsyncEmitter& out) override {
        out.emit("asyncx_state", "count=" + std::to_string(count_.load()));
    }

private:
    const Config& config_;
    const falcogen::Logger log_;
    std::atomic<uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger& log) {
    return std::make_unique<AsyncxPlugin>(config, log);
}

}  // namespace asyncx
