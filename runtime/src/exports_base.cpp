// The base capability's exports: init, destroy, errors, the init schema.
#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/state.hpp"

#include <mutex>

namespace falcogen::detail {

// Not thread_local: LeakSanitizer's tracer crashes at exit in processes that
// loaded a plugin with a TLS variable from several threads. Inits of
// different plugin states may run at once; they take turns around the
// author's constructor (construction_lock), the only time this is read.
Construction& construction() {
    static Construction current;
    return current;
}

std::mutex& construction_lock() {
    static std::mutex lock;
    return lock;
}

}  // namespace falcogen::detail

namespace falcogen::detail::abi {

const char* get_init_schema(const PluginSpec& spec, ss_plugin_schema_type* schema_type) {
    if (schema_type != nullptr) *schema_type = SS_PLUGIN_SCHEMA_JSON;
    return spec.init_schema;
}

namespace {

// Without host_logging the plugin may run in hosts older than API 3.3, whose
// init input has no log function: it logs to stderr.
Logger logger_for(const PluginSpec& spec, const ss_plugin_init_input* input) {
    if (spec.host_logging && input != nullptr) return Logger(spec.name, input->owner, input->log_fn);
    return Logger(spec.name, nullptr, nullptr);
}

// Resolves the imported tables, makes the generated Tables and registers the
// exported ones, with the init input's vtables (the author's constructor may
// use tables too: they stay set until plugin_init returns).
void open_tables(PluginState& state, const ss_plugin_init_input* input) {
    const TablesSpec& spec = *state.spec.tables;
    if (input == nullptr || input->tables == nullptr) {
        throw Error("the host gave this plugin no state tables (plugin_init's tables input is NULL)");
    }
    const ss_plugin_init_tables_input& tables = *input->tables;
    state.calls.owner = input->owner;
    state.calls.owner_error = input->get_owner_last_error;
    state.calls.reader = tables.reader_ext;
    state.calls.writer = tables.writer_ext;
    resolve_tables(spec.imports, spec.import_count, tables, state.kinds, state.calls);
    state.tables = spec.make(state.kinds);
    spec.export_tables(*state.tables, tables, state.calls, state.error);
}

// The state of an init in progress, undone whatever happens.
struct InitScope {
    explicit InitScope(PluginState& s) : state(s) {}
    ~InitScope() {
        state.calls.reader = nullptr;
        state.calls.writer = nullptr;
    }
    PluginState& state;
};

// make_plugin with the plugin's tables and logger where PluginRoot's
// constructor finds them (create adds the Config once parsed).
std::unique_ptr<PluginRoot> construct(PluginState& state, const char* config) {
    std::lock_guard<std::mutex> lock(construction_lock());
    construction().tables = state.tables.get();
    construction().log = &state.log;
    struct Reset {
        ~Reset() { construction() = Construction{}; }
    } reset;
    return state.spec.create(config, state.log, state.config);
}

// The metrics array, named once: plugin_get_metrics only fills in the values.
void size_metrics(PluginState& state) {
    const MetricsSpec& spec = *state.spec.metrics;
    state.metrics.assign(spec.count, ss_plugin_metric{});
    for (uint32_t i = 0; i < spec.count; ++i) {
        state.metrics[i].name = spec.list[i].name;
        state.metrics[i].type = spec.list[i].type;
    }
}

}  // namespace

ss_plugin_t* init(const PluginSpec& spec, const ss_plugin_init_input* input, ss_plugin_rc* rc) {
    PluginState* state = new (std::nothrow) PluginState(spec);
    if (state == nullptr) {
        if (rc != nullptr) *rc = SS_PLUGIN_FAILURE;
        return nullptr;
    }
    const ss_plugin_rc result = guard(state->error, "plugin_init", [&] {
        InitScope scope(*state);
        state->log = logger_for(spec, input);
        if (spec.tables != nullptr) open_tables(*state, input);
        const char* config = input != nullptr && input->config != nullptr ? input->config : "";
        state->impl = construct(*state, config);
        if (!state->impl) throw Error("make_plugin() returned no plugin");
        state->direct = state->impl->direct_root();
        if (spec.extract != nullptr) state->event = spec.extract->make_event();
        if (spec.parse != nullptr && !state->event) state->event = spec.parse->make_event();
        if (spec.metrics != nullptr) size_metrics(*state);
        if (spec.async != nullptr && state->event) state->event->accept_async(spec.async);
        return SS_PLUGIN_SUCCESS;
    });
    if (rc != nullptr) *rc = result;
    // Returned on failure too, so the host can read the error before destroy.
    return state;
}

// destroy has no return code: an exception from the author's destructor is
// logged (the state, and with it get_last_error, dies here).
void destroy(ss_plugin_t* s) {
    PluginState* state = plugin_state(s);
    if (state == nullptr) return;
    state->async.stop();  // joins the producer: it uses impl
    state->pool.close();  // and the routines of a capture the host left open
    delete_guarded(state->impl, state, "plugin_destroy");
    delete state;
}

const char* get_last_error(ss_plugin_t* s) {
    return s != nullptr ? plugin_state(s)->error.c_str() : "no plugin state (plugin_init could not allocate it)";
}

// On any failure (not JSON, a rule broken, the author's refusal) the old
// Config stays in force and the error is in get_last_error.
ss_plugin_rc set_config(ss_plugin_t* s, const ss_plugin_set_config_input* input) {
    PluginState* state = plugin_state(s);
    if (state == nullptr) return SS_PLUGIN_FAILURE;
    return guard(state->error, "plugin_set_config", [&] {
        if (!state->impl) throw Error("plugin_init failed: there is no plugin to configure");
        if (state->spec.reconfigure == nullptr) throw Error("this plugin's config is not reloadable");
        const char* text = input != nullptr && input->config != nullptr ? input->config : "";
        state->old_configs.reserve(state->old_configs.size() + 1);  // no failure after the author accepted
        std::shared_ptr<void> next = state->spec.reconfigure(*state->impl, text);
        state->impl->set_config_root(next.get());
        state->old_configs.push_back(std::move(state->config));
        state->config = std::move(next);
        return SS_PLUGIN_SUCCESS;
    });
}

// Lock-free reads of the author's counters into the array sized in init.
ss_plugin_metric* get_metrics(ss_plugin_t* s, uint32_t* num_metrics) {
    PluginState* state = plugin_state(s);
    if (num_metrics != nullptr) *num_metrics = 0;
    if (state == nullptr || !state->impl || state->spec.metrics == nullptr || num_metrics == nullptr) return nullptr;
    state->spec.metrics->read(*state->impl, state->metrics.data());
    *num_metrics = static_cast<uint32_t>(state->metrics.size());
    return state->metrics.data();
}

}  // namespace falcogen::detail::abi
