#include "plugin.gen.hpp"

namespace offsets {
namespace {
class Capture final : public InstanceBase {
public:
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        batch.add(Rec{"abc", 7});
        return falcogen::NextResult::eof;
    }
};
class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(std::string_view) override { return std::make_unique<Capture>(); }
    bool extract_offsets_twice(const Event& event, uint64_t& out) override {
        const Rec* rec = event.as_rec();
        if (rec == nullptr) return false;
        out = 2 * uint64_t{rec->length};
        return true;
    }
};
}  // namespace
std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}
}  // namespace offsets
