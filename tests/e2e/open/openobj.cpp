// The openobj test plugin: emits `count` events whose text shows the open
// params it received.
#include "plugin.gen.hpp"

namespace openobj {
namespace {

class Capture final : public InstanceBase {
public:
    explicit Capture(const OpenParams& params) : left_(params.count) {
        text_ = params.label + " port=" + std::to_string(params.tls.port) + " tags=";
        for (const auto& tag : params.tags) text_ += tag + ";";
    }
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        if (left_-- <= 0) return falcogen::NextResult::eof;
        batch.add(Got{text_});
        return falcogen::NextResult::ok;
    }

private:
    int64_t left_;
    std::string text_;
};

class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(const OpenParams& params) override { return std::make_unique<Capture>(params); }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace openobj
