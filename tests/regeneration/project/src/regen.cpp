// The author's source of the regeneration test plugin: the tests check that
// falcogen never changes it, whatever they do to the manifest.
#include "plugin.gen.hpp"

namespace regen {

namespace {

class Capture final : public InstanceBase {
public:
    explicit Capture(const Config& config) : config_(config) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        while (count_ < 3 && batch.size() < 2) {
            ++count_;
            batch.add(Tick{count_, config_.label});
        }
        return count_ < 3 ? falcogen::NextResult::ok : falcogen::NextResult::eof;
    }

    double progress(std::string& text) override {
        text = std::to_string(count_) + "/3";
        return count_ / 3.0;
    }

private:
    const Config& config_;
    uint32_t count_ = 0;
};

class RegenPlugin final : public PluginBase {
public:
    explicit RegenPlugin(const Config& config) : config_(config) {}

    std::unique_ptr<InstanceBase> open(std::string_view) override { return std::make_unique<Capture>(config_); }
    //@EXTRA_METHODS@

private:
    const Config& config_;
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger&) {
    return std::make_unique<RegenPlugin>(config);
}

}  // namespace regen
