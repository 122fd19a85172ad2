// The sourcing capability's exports: open params, open/close, batches,
// progress, and the text of events.
#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/batch_access.hpp"
#include "falcogen/detail/compiler.hpp"
#include "falcogen/detail/plugin_event.hpp"
#include "falcogen/detail/state.hpp"

namespace falcogen::detail::abi {

const char* list_open_params(const PluginSpec& spec, ss_plugin_rc* rc) {
    if (rc != nullptr) *rc = SS_PLUGIN_SUCCESS;
    return spec.source->open_params;
}

namespace {

// The author's open() with the plugin where InstanceRoot's constructor finds it.
std::unique_ptr<InstanceRoot> open_instance(PluginState& state, const char* params) {
    std::lock_guard<std::mutex> lock(construction_lock());
    construction().plugin = state.impl.get();
    struct Reset {
        ~Reset() { construction() = Construction{}; }
    } reset;
    return state.spec.source->open(*state.impl, params);
}

}  // namespace

ss_instance_t* open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc) {
    PluginState* state = plugin_state(s);
    InstanceState* instance = nullptr;
    const ss_plugin_rc result = guard(state->error, "plugin_open", [&] {
        const SourceSpec& source = *state->spec.source;
        auto owned = std::make_unique<InstanceState>(source.id);
        owned->impl = open_instance(*state, params != nullptr ? params : "");
        if (!owned->impl) throw Error("open() returned no instance");
        instance = owned.release();
        return SS_PLUGIN_SUCCESS;
    });
    if (rc != nullptr) *rc = result;
    return instance;
}

// Either pointer may be NULL: libscap calls close even after a failed open.
void close(ss_plugin_t* s, ss_instance_t* h) {
    InstanceState* instance = instance_state(h);
    if (instance == nullptr) return;
    delete_guarded(instance->impl, plugin_state(s), "plugin_close");
    delete instance;
}

namespace {

ss_plugin_rc next_result(InstanceState& instance, NextResult result, uint32_t nevts) {
    switch (result) {
        case NextResult::ok:
            // The host treats SUCCESS with no events as an error.
            return nevts == 0 ? SS_PLUGIN_TIMEOUT : SS_PLUGIN_SUCCESS;
        case NextResult::timeout: return SS_PLUGIN_TIMEOUT;
        case NextResult::eof: instance.eof = true; return SS_PLUGIN_EOF;
    }
    throw Error("next_batch() returned an unknown NextResult");
}

}  // namespace

ss_plugin_rc next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    PluginState* state = plugin_state(s);
    InstanceState* instance = instance_state(h);
    *nevts = 0;
    *evts = nullptr;
    if (instance == nullptr) {
        state->error.set("plugin_next_batch: no open instance");
        return SS_PLUGIN_FAILURE;
    }
    if (instance->eof) return SS_PLUGIN_EOF;
    return guard(state->error, "plugin_next_batch", [&] {
        BatchAccess::clear(instance->batch);
        const NextResult result = state->spec.source->next_batch(*instance->impl, instance->batch);
        *nevts = instance->batch.size();
        *evts = BatchAccess::events(instance->batch);
        return next_result(*instance, result, *nevts);
    });
}

const char* get_progress(ss_plugin_t* s, ss_instance_t* h, uint32_t* progress_pct) {
    *progress_pct = 0;
    InstanceState* instance = instance_state(h);
    if (instance == nullptr) return nullptr;
    try {
        instance->progress_text.clear();
        double fraction = plugin_state(s)->spec.source->progress(*instance->impl, instance->progress_text);
        if (!(fraction >= 0.0)) fraction = 0.0;  // also catches NaN
        if (fraction > 1.0) fraction = 1.0;
        *progress_pct = static_cast<uint32_t>(fraction * 10000.0 + 0.5);
        return instance->progress_text.empty() ? nullptr : instance->progress_text.c_str();
    } catch (...) {
        record_current_exception(plugin_state(s)->error, "plugin_get_progress");
        return nullptr;
    }
}

namespace {

// The text and error of a malformed event (out of line: the usual call then
// needs a smaller frame).
FALCOGEN_NOINLINE void show_malformed(PluginState& state, const char* error) {
    state.text.clear();
    const std::string_view parts[] = {"<malformed event: ", error, ">"};
    for (std::string_view part : parts) state.text.append(part.data(), part.size());
    state.error.set(std::string("plugin_event_to_string: ") + error);
}

}  // namespace

// Renders an event for Falco's evt.plugininfo. A malformed event is shown as
// such (with the failed check), never read past its length.
const char* event_to_string(ss_plugin_t* s, const ss_plugin_event_input* input) {
    PluginState* state = plugin_state(s);
    try {
        state->text.clear();
        PluginEventView view;
        const char* error = parse_plugin_event(input != nullptr ? input->evt : nullptr, view);
        if (error == nullptr) {
            TextRender render = state->impl->text_render_root();
            if (render == nullptr) render = state->spec.source->render;
            error = render(*state->impl, view.payload, view.payload_size, state->text);
        }
        if (FALCOGEN_UNLIKELY(error != nullptr)) show_malformed(*state, error);
        return state->text.c_str();
    } catch (...) {
        record_current_exception(state->error, "plugin_event_to_string");
        return nullptr;  // the host falls back to its own rendering
    }
}

}  // namespace falcogen::detail::abi
