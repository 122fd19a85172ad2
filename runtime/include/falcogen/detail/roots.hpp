// The roots of a plugin's generated PluginBase and InstanceBase: what the
// runtime holds, without knowing the plugin's classes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/logger.hpp"

namespace falcogen::text {
class Out;
}  // namespace falcogen::text

namespace falcogen::detail {

class TablesRoot;
class PluginRoot;
class EventCore;
class ExtractResults;
class ErrorSlot;

// One computed field's extraction from an event the fast path decoded,
// instantiated with the author's class (detail/direct_fields.hpp).
using DirectExtractor = ss_plugin_rc (*)(PluginRoot&, ExtractResults&, ErrorSlot&, EventCore&,
                                         ss_plugin_extract_field&);

// Decodes an event's data and writes its text; nullptr or what is wrong.
using TextRender = const char* (*)(PluginRoot& plugin, const uint8_t* data, size_t size, text::Out& out);

// What the roots' constructors take from the runtime: plugin_init sets it
// around the author's make_plugin, plugin_open around open(), on the calling
// thread and under construction_lock (no thread_local: see exports_base.cpp).
// So the author's constructors can already use tables(), config(), log() and
// plugin().
struct Construction {
    TablesRoot* tables = nullptr;  // the generated Tables of the plugin being created
    const void* config = nullptr;  // its Config
    const Logger* log = nullptr;
    PluginRoot* plugin = nullptr;  // the plugin of the instance being opened
};
Construction& construction();
std::mutex& construction_lock();

// Their destructors may throw (noexcept(false)): plugin_destroy and
// plugin_close catch it, log it, record it for plugin_get_last_error and
// free the memory anyway.
class PluginRoot {
public:
    PluginRoot()
        : tables_root_(construction().tables),
          config_root_(construction().config),
          log_(construction().log != nullptr ? *construction().log : Logger()) {}
    PluginRoot(const PluginRoot&) = delete;
    PluginRoot& operator=(const PluginRoot&) = delete;
    virtual ~PluginRoot() noexcept(false) {}

    // The generated Tables of a plugin with `tables:` (nullptr otherwise).
    TablesRoot* tables_root() const { return tables_root_; }
    // The Config in force: set_config swaps it while routines or the async
    // producer may read it, hence atomic.
    const void* config_root() const { return config_root_.load(std::memory_order_acquire); }
    void set_config_root(const void* config) { config_root_.store(config, std::memory_order_release); }
    const Logger& log_root() const { return log_; }
    // The computed fields' extractors that call this class's methods by name
    // (FALCOGEN_PLUGIN sets them), by field_id; nullptr: the generated
    // table's, through PluginBase's virtual methods.
    const DirectExtractor* direct_root() const { return direct_; }
    void set_direct_root(const DirectExtractor* direct) { direct_ = direct; }
    // The text of events for the author's own class (FALCOGEN_PLUGIN knows
    // it, and which to_string it overrides); nullptr: the spec's, through
    // PluginBase's virtual to_string.
    TextRender text_render_root() const { return text_render_; }
    void set_text_render_root(TextRender render) { text_render_ = render; }

private:
    TablesRoot* tables_root_;
    std::atomic<const void*> config_root_;
    const Logger log_;
    const DirectExtractor* direct_ = nullptr;
    TextRender text_render_ = nullptr;
};

class InstanceRoot {
public:
    InstanceRoot() : plugin_root_(construction().plugin) {}
    InstanceRoot(const InstanceRoot&) = delete;
    InstanceRoot& operator=(const InstanceRoot&) = delete;
    virtual ~InstanceRoot() noexcept(false) {}

    // The plugin whose open() made this instance.
    PluginRoot* plugin_root() const { return plugin_root_; }

private:
    PluginRoot* plugin_root_;
};

}  // namespace falcogen::detail
