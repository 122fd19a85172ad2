// The roots of a plugin's generated PluginBase and InstanceBase: what the
// runtime holds, without knowing the plugin's classes.
#pragma once

namespace falcogen::detail {

// Their destructors may throw (noexcept(false)): plugin_destroy and
// plugin_close catch it, log it, record it for plugin_get_last_error and
// free the memory anyway.
class TablesRoot;

// The tables of the plugin being created (set by plugin_init around the
// author's make_plugin, on its thread): PluginRoot's constructor takes them,
// so the author's constructor can already fill its exported tables.
TablesRoot*& tables_in_construction();

class PluginRoot {
public:
    PluginRoot() : tables_root_(tables_in_construction()) {}
    PluginRoot(const PluginRoot&) = delete;
    PluginRoot& operator=(const PluginRoot&) = delete;
    virtual ~PluginRoot() noexcept(false) {}

    // The generated Tables of a plugin with `tables:` (nullptr otherwise).
    TablesRoot* tables_root() const { return tables_root_; }

private:
    TablesRoot* tables_root_;
};

class InstanceRoot {
public:
    virtual ~InstanceRoot() noexcept(false) {}
};

}  // namespace falcogen::detail
