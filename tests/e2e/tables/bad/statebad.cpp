#include "plugin.gen.hpp"

namespace statebad {

class Plugin final : public PluginBase {
public:
    void parse(const Event&) override {}
};

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace statebad
