// The openlist test plugin: one event per number of the open params.
#include "plugin.gen.hpp"

namespace openlist {
namespace {

class Capture final : public InstanceBase {
public:
    explicit Capture(const OpenParams& numbers) : numbers_(numbers) {}
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        for (int64_t n : numbers_) batch.add(Number{static_cast<uint64_t>(n)});
        return falcogen::NextResult::eof;
    }

private:
    const std::vector<int64_t> numbers_;
};

class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(const OpenParams& numbers) override {
        return std::make_unique<Capture>(numbers);
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace openlist
