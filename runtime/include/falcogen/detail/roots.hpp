// The roots of a plugin's generated PluginBase and InstanceBase: what the
// runtime holds, without knowing the plugin's classes.
#pragma once

namespace falcogen::detail {

// Their destructors may throw (noexcept(false)): plugin_destroy and
// plugin_close catch it, log it, record it for plugin_get_last_error and
// free the memory anyway.
class PluginRoot {
public:
    virtual ~PluginRoot() noexcept(false) {}
};

class InstanceRoot {
public:
    virtual ~InstanceRoot() noexcept(false) {}
};

}  // namespace falcogen::detail
