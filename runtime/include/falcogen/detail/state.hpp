// What the runtime keeps between calls: the plugin state (plugin_init ..
// plugin_destroy) and the state of one open capture (plugin_open ..
// plugin_close). Internal: the runtime library and the extraction template
// (detail/extract.hpp), which is instantiated in each plugin.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "falcogen/detail/error_slot.hpp"
#include "falcogen/detail/fields.hpp"
#include "falcogen/detail/plugin.hpp"
#include "falcogen/detail/results.hpp"
#include "falcogen/detail/tables.hpp"
#include "falcogen/event_batch.hpp"
#include "falcogen/logger.hpp"
#include "falcogen/thread_pool.hpp"

namespace falcogen::detail {

struct PluginState {
    explicit PluginState(const PluginSpec& s) : spec(s) {}

    const PluginSpec& spec;
    ErrorSlot error;
    Logger log;
    std::shared_ptr<void> config;  // the plugin's Config in force; outlives impl
    // Every Config replaced by set_config: the author may still hold references
    // to them, so they live as long as the plugin (set_config is rare).
    std::vector<std::shared_ptr<void>> old_configs;
    std::vector<ss_plugin_metric> metrics;  // plugin_get_metrics' array, sized once in init
    // Plugins with `tables:` (declared before impl: they outlive the author's plugin).
    TableCalls calls;  // the vtables of the call in progress
    TableKinds kinds;  // imported tables and subtables, resolved in plugin_init
    std::unique_ptr<TablesRoot> tables;  // the generated Tables
    std::unique_ptr<PluginRoot> impl;  // the author's plugin
    const DirectExtractor* direct = nullptr;  // impl->direct_root(), read by extraction's fast path
    text::Out text;  // plugin_event_to_string's result, its memory reused
    std::unique_ptr<EventCore> event;  // the event being extracted from, decoded once
    ExtractResults results;  // plugin_extract_fields' values, reused
    AsyncProducer async;  // the author's run_async thread; stopped before impl is destroyed
    ThreadPool pool;  // capture listening's routines; closed before impl is destroyed
};

// The batch keeps its memory for the instance's life: events handed to the
// host stay valid until the next call.
struct InstanceState {
    InstanceState(uint32_t plugin_id, NextResult (*next)(InstanceRoot&, EventBatch&))
        : next_batch(next), batch(plugin_id) {}

    // The SourceSpec's next_batch, kept here: one load fewer on every call.
    NextResult (*next_batch)(InstanceRoot& instance, EventBatch& batch);
    std::unique_ptr<InstanceRoot> impl;  // the author's instance
    EventBatch batch;
    bool eof = false;  // once EOF was returned, it is returned forever
    std::string progress_text;
};

inline PluginState* plugin_state(ss_plugin_t* s) {
    return static_cast<PluginState*>(s);
}
inline InstanceState* instance_state(ss_instance_t* h) {
    return static_cast<InstanceState*>(h);
}

// Runs the author's destructor of `owned`: it may throw, and neither destroy
// nor close can fail, so the error is logged and recorded, and the memory
// freed anyway. No exception leaves the plugin.
template <typename T>
void delete_guarded(std::unique_ptr<T>& owned, PluginState* state, const char* callback) {
    try {
        delete owned.release();
    } catch (...) {
        if (state == nullptr) return;
        record_current_exception(state->error, callback);
        state->log.error(state->error.c_str());
    }
}

}  // namespace falcogen::detail
