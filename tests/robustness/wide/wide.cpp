// The `wide` test plugin: emits one event of its 200-member layout.
#include "plugin.gen.hpp"

namespace wide {
namespace {

#include <array>
const std::array<uint8_t, 256> kByte = [] {
    std::array<uint8_t, 256> b{};
    for (int i = 0; i < 256; ++i) b[i] = static_cast<uint8_t>(i);
    return b;
}();

class Capture final : public InstanceBase {
public:
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        Wide e;
#include "wide_values.inc"
        batch.add(e, 1);
        return falcogen::NextResult::eof;
    }
};

class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(std::string_view) override { return std::make_unique<Capture>(); }
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace wide
