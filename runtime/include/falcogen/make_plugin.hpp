// FALCOGEN_PLUGIN(YourPlugin): defines the make_plugin the generated code
// calls, for a plugin class constructible from what the runtime can pass.
// Write make_plugin by hand instead when the class needs more.
#pragma once

#include <memory>
#include <type_traits>

#include "falcogen/detail/roots.hpp"
#include "falcogen/detail/text_render.hpp"
#include "falcogen/logger.hpp"

namespace falcogen::detail {

// Whether the generated DirectFields<Plugin> has extractors (the plugin has computed fields).
template <typename Direct, typename = void>
struct has_direct_fields : std::false_type {};
template <typename Direct>
struct has_direct_fields<Direct, std::void_t<decltype(Direct::extractors())>> : std::true_type {};

template <typename Plugin, typename Base, typename Direct, typename Config>
std::unique_ptr<Base> construct_plugin(const Config& config, const Logger& log) {
    static_assert(!std::is_abstract_v<Plugin>,
                  "FALCOGEN_PLUGIN: the class lacks a method the manifest asks for (the pure virtual methods of "
                  "PluginBase in plugin.gen.hpp; each names the manifest line that asks for it)");
    std::unique_ptr<Plugin> plugin;
    if constexpr (std::is_constructible_v<Plugin, const Config&, const Logger&>) {
        plugin = std::make_unique<Plugin>(config, log);
    } else if constexpr (std::is_constructible_v<Plugin, const Config&>) {
        plugin = std::make_unique<Plugin>(config);
    } else {
        static_assert(std::is_default_constructible_v<Plugin>,
                      "FALCOGEN_PLUGIN: the class must be constructible from (const Config&, const falcogen::Logger&), "
                      "(const Config&) or nothing; otherwise write make_plugin yourself");
        plugin = std::make_unique<Plugin>();
    }
    // The class is known here: the text of events and the computed fields
    // then need no virtual call.
    TextBinding<Plugin, Base>::bind(*plugin);
    if constexpr (has_direct_fields<Direct>::value) plugin->set_direct_root(Direct::extractors());
    return plugin;
}

}  // namespace falcogen::detail

// In the plugin's namespace, after the class: defines make_plugin for it,
// and has event_to_string and the fast path of extraction call its methods
// by name (inlined when the class is final) rather than through the vtable.
#define FALCOGEN_PLUGIN(PluginClass)                                                                                \
    std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger& log) {                    \
        return falcogen::detail::construct_plugin<PluginClass, PluginBase, DirectFields<PluginClass>>(config, log); \
    }
