// The metrics and set_config test plugin: a capture produces config.count
// events, bumping events_seen; while it is open two threads bump `bumps`
// (joined at close); set_config refuses the label "refused".
#include <thread>

#include "plugin.gen.hpp"

namespace meterx {
namespace {

constexpr int64_t kBumpsPerThread = 100000;

class Plugin;

class Capture final : public InstanceBase {
public:
    Capture(Metrics& metrics, int64_t count) : metrics_(metrics), left_(count) {
        for (auto& t : threads_) {
            t = std::thread([this] {
                for (int64_t i = 0; i < kBumpsPerThread; ++i) ++metrics_.bumps;
            });
        }
    }
    ~Capture() override {
        for (auto& t : threads_) t.join();
    }
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        if (left_ == 0) return falcogen::NextResult::eof;
        batch.add(Tick{static_cast<uint32_t>(left_--)});
        metrics_.events_seen += 1;
        return falcogen::NextResult::ok;
    }

private:
    Metrics& metrics_;
    int64_t left_;
    std::thread threads_[2];
};

class Plugin final : public PluginBase {
public:
    explicit Plugin(const Config& config) : config_(&config) { metrics().load = double(config.count); }
    std::unique_ptr<InstanceBase> open(std::string_view) override {
        return std::make_unique<Capture>(metrics(), config_->count);
    }
    void set_config(const Config& next) override {
        if (next.label == "refused") throw falcogen::Error("label 'refused' is refused");
        config_ = &next;  // lives as long as the plugin
        ++metrics().reloads;
        metrics().load = double(next.count);
    }

private:
    const Config* config_;
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger&) {
    return std::make_unique<Plugin>(config);
}

}  // namespace meterx
