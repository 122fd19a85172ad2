// A plugin as the runtime sees it: the constant PluginSpec that its
// generated code fills, the roots of the generated classes, and the runtime's
// implementation of every plugin_* export (namespace abi), which the
// generated extern "C" shims forward to.
//
// What depends on the plugin's own types (its Config, its classes, its
// layouts) reaches the runtime through the spec's function pointers, which
// point at the templates below instantiated for those types. Everything else
// is compiled once, in the runtime library.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/async.hpp"
#include "falcogen/detail/capture.hpp"
#include "falcogen/detail/config.hpp"
#include "falcogen/detail/fields.hpp"
#include "falcogen/detail/layout.hpp"
#include "falcogen/detail/metrics.hpp"
#include "falcogen/detail/roots.hpp"
#include "falcogen/detail/tables.hpp"
#include "falcogen/detail/text_render.hpp"
#include "falcogen/event_batch.hpp"
#include "falcogen/logger.hpp"

namespace falcogen::detail {

struct SourceSpec {
    uint32_t id;
    const char* event_source;
    const char* open_params;  // plugin_list_open_params' JSON
    std::unique_ptr<InstanceRoot> (*open)(PluginRoot& plugin, std::string_view params);
    NextResult (*next_batch)(InstanceRoot& instance, EventBatch& batch);
    double (*progress)(InstanceRoot& instance, std::string& text);  // nullptr: no plugin_get_progress
    // Decodes event_data and renders it with PluginBase's virtual to_string (the plugin's
    // text_render_root(), when set, instead); nullptr or what is wrong.
    TextRender render;
};

struct ExtractSpec {
    bool value_offsets;  // fill value offsets (API 3.11, which the plugin then requires)
    std::unique_ptr<EventCore> (*make_event)();
};

struct ParseSpec {
    std::unique_ptr<EventCore> (*make_event)();  // the Event parse() receives (shared with extraction)
};

struct PluginSpec {
    const char* name;
    const char* version;
    const char* description;
    const char* contact;
    const char* required_api_version;
    const char* init_schema;
    bool host_logging;  // log through the host's log function (API 3.3+)
    // Parses the init config into the plugin's Config (kept alive in
    // `keep`) and calls the author's make_plugin with it.
    std::unique_ptr<PluginRoot> (*create)(std::string_view text, const Logger& log, std::shared_ptr<void>& keep);
    const SourceSpec* source;  // nullptr: no sourcing capability
    const ExtractSpec* extract;  // nullptr: no extraction capability
    const ParseSpec* parse;  // nullptr: no parsing capability
    const TablesSpec* tables;  // nullptr: no state tables
    const MetricsSpec* metrics;  // nullptr: no plugin_get_metrics
    // config.reloadable: parses a new config like the init config and hands
    // it to the author's set_config (which may throw to refuse it); returns
    // the accepted Config. nullptr: no plugin_set_config.
    std::shared_ptr<void> (*reconfigure)(PluginRoot& plugin, std::string_view text);
    const AsyncSpec* async;  // nullptr: no async events capability
    const CaptureSpec* capture;  // nullptr: no capture listening capability
};

// ---- The spec's entries, for a plugin's own types ---------------------------------

template <typename Config, typename Plugin>
std::unique_ptr<PluginRoot> create(std::string_view text, const Logger& log, std::shared_ptr<void>& keep) {
    auto parsed = std::make_shared<Config>();
    config::parse(text, *parsed);
    keep = parsed;
    construction().config = parsed.get();  // PluginRoot's constructor takes it (under construction_lock)
    std::unique_ptr<Plugin> plugin = make_plugin(*parsed, log);  // the author's, found by its Config argument
    return plugin;
}

// The new Config is parsed before the author sees it: a config that does not
// parse never reaches set_config, and the old one stays in force.
template <typename Config, typename Plugin>
std::shared_ptr<void> reconfigure(PluginRoot& plugin, std::string_view text) {
    auto next = std::make_shared<Config>();
    config::parse(text, *next);
    static_cast<Plugin&>(plugin).set_config(*next);
    return next;
}

template <typename Plugin>
std::unique_ptr<InstanceRoot> open_instance(PluginRoot& plugin, std::string_view params) {
    return static_cast<Plugin&>(plugin).open(params);
}

// A typed open form (manifest: source.open): the params are read into the
// generated OpenParamsDoc before the author's open(const OpenParams&) runs.
template <typename Plugin, typename Doc, const config::OpenForm& kForm>
std::unique_ptr<InstanceRoot> open_typed(PluginRoot& plugin, std::string_view params) {
    Doc doc;
    config::parse_open(params, kForm, doc);
    return static_cast<Plugin&>(plugin).open(doc.value);
}

template <typename Instance>
NextResult next_batch(InstanceRoot& instance, EventBatch& batch) {
    return static_cast<Instance&>(instance).next_batch(batch);
}

template <typename Instance>
double progress(InstanceRoot& instance, std::string& text) {
    return static_cast<Instance&>(instance).progress(text);
}

template <typename Plugin>
void run_async(PluginRoot& plugin, AsyncEmitter& out) {
    static_cast<Plugin&>(plugin).run_async(out);
}

template <typename Plugin>
void dump_state(PluginRoot& plugin, AsyncEmitter& out) {
    static_cast<Plugin&>(plugin).dump_state(out);
}

template <typename Event>
std::unique_ptr<EventCore> make_event() {
    return std::make_unique<Event>();
}

// ---- The exports -----------------------------------------------------------------

// One function per plugin_* symbol, with its arguments; those without a
// plugin state take the spec. Every one is an exception barrier.
namespace abi {

const char* get_init_schema(const PluginSpec& spec, ss_plugin_schema_type* schema_type);
ss_plugin_t* init(const PluginSpec& spec, const ss_plugin_init_input* input, ss_plugin_rc* rc);
void destroy(ss_plugin_t* s);
const char* get_last_error(ss_plugin_t* s);
ss_plugin_rc set_config(ss_plugin_t* s, const ss_plugin_set_config_input* input);
ss_plugin_metric* get_metrics(ss_plugin_t* s, uint32_t* num_metrics);

const char* list_open_params(const PluginSpec& spec, ss_plugin_rc* rc);
ss_instance_t* open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc);
void close(ss_plugin_t* s, ss_instance_t* h);
ss_plugin_rc next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts);
const char* get_progress(ss_plugin_t* s, ss_instance_t* h, uint32_t* progress_pct);
const char* event_to_string(ss_plugin_t* s, const ss_plugin_event_input* input);

const char* get_async_events(const PluginSpec& spec);
const char* get_async_event_sources(const PluginSpec& spec);
ss_plugin_rc set_async_event_handler(ss_plugin_t* s, ss_plugin_owner_t* owner, ss_plugin_async_event_handler_t h);
ss_plugin_rc dump_state(ss_plugin_t* s, ss_plugin_owner_t* owner, ss_plugin_async_event_handler_t h);

}  // namespace abi
}  // namespace falcogen::detail
