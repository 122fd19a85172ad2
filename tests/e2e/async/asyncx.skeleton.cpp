// falcogen skeleton of asyncx 1.0.0, written by falcogen 1.0.0 from plugin.yaml.
// A starting point to compare with your own source (falcogen never edits that one): every method the
// manifest asks for, as a stub that throws. Copy what you need, then delete this file.
#include "plugin.gen.hpp"

namespace asyncx {

namespace {

class AsyncxPlugin final : public PluginBase {
public:
    explicit AsyncxPlugin(const Config& config) : config_(config) {}

    // computed field `asyncx.count` asks for this method
    bool extract_asyncx_count(const Event& /*event*/, uint64_t& /*out*/) override {
        throw falcogen::Error("AsyncxPlugin::extract_asyncx_count is not implemented yet");
    }

    // `async:` asks for this method
    void run_async(falcogen::AsyncEmitter& /*out*/) override {
        throw falcogen::Error("AsyncxPlugin::run_async is not implemented yet");
    }

    // `async.dump_state: true` asks for this method
    void dump_state(falcogen::AsyncEmitter& /*out*/) override {
        throw falcogen::Error("AsyncxPlugin::dump_state is not implemented yet");
    }

private:
    const Config& config_;  // lives as long as the plugin
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger& /*log*/) {
    return std::make_unique<AsyncxPlugin>(config);
}

}  // namespace asyncx
