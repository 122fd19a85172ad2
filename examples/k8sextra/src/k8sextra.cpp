// The k8sextra plugin: every field is bound to a JSON pointer in plugin.yaml,
// so there is nothing to write here but the plugin object itself.
#include "plugin.gen.hpp"

namespace k8sextra {

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<PluginBase>();
}

}  // namespace k8sextra
