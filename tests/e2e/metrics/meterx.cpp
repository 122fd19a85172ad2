// The metrics and set_config test plugin: a capture produces config.count
// events, bumping events_seen; while it is open two threads bump `bumps`
// (joined at close); set_config refuses the label "refused".
#include <thread>

#include "plugin.gen.hpp"

namespace meterx {
namespace {

constexpr int64_t kBumpsPerThread = 100000;

class Capture final : public InstanceBase {
public:
    // config() and plugin() already work in the constructor.
    Capture() : metrics_(plugin().metrics()), left_(config().count) {
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

// No stored config: config() is the one in force, set_config's once accepted.
class Plugin final : public PluginBase {
public:
    Plugin() { metrics().load = double(config().count); }
    std::unique_ptr<InstanceBase> open(std::string_view) override { return std::make_unique<Capture>(); }
    void set_config(const Config& next) override {
        if (next.label == "refused") throw falcogen::Error("label 'refused' is refused");
        ++metrics().reloads;
        metrics().load = double(next.count);
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace meterx
