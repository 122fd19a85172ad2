// The `jsonf` fuzz plugin: emits its open params as one JSON event.
#include "plugin.gen.hpp"

namespace jsonf {
namespace {

class Capture final : public InstanceBase {
public:
    explicit Capture(std::string document) : document_(std::move(document)) {}
    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        batch.add(Doc{document_}, 1);
        return falcogen::NextResult::eof;
    }

private:
    std::string document_;
};

class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(std::string_view params) override {
        return std::make_unique<Capture>(std::string(params));
    }
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace jsonf
