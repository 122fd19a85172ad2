// The k8sextra plugin: every field is bound to a JSON pointer in plugin.yaml,
// so there is nothing to write here but the plugin object itself.
#include "plugin.gen.hpp"

namespace k8sextra {

FALCOGEN_PLUGIN(PluginBase)

}  // namespace k8sextra
