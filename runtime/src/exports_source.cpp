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
        auto owned = std::make_unique<InstanceState>(source.id, source.next_batch);
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

// What next_batch answers when it does not call the author: no instance, or
// EOF already returned (out of line: the usual call then needs a smaller frame).
FALCOGEN_NOINLINE ss_plugin_rc no_batch(PluginState& state, const InstanceState* instance, uint32_t* nevts,
                                        ss_plugin_event*** evts) {
    *nevts = 0;
    *evts = nullptr;
    if (instance == nullptr) {
        state.error.set("plugin_next_batch: no open instance");
        return SS_PLUGIN_FAILURE;
    }
    return SS_PLUGIN_EOF;
}

// The answer for anything but a non-empty batch with NextResult::ok.
FALCOGEN_NOINLINE ss_plugin_rc unusual_result(PluginState& state, InstanceState& instance, NextResult result) {
    switch (result) {
        // The host treats SUCCESS with no events as an error.
        case NextResult::ok: return SS_PLUGIN_TIMEOUT;
        case NextResult::timeout: return SS_PLUGIN_TIMEOUT;
        case NextResult::eof: instance.eof = true; return SS_PLUGIN_EOF;
    }
    state.error.set("plugin_next_batch: next_batch() returned an unknown NextResult");
    return SS_PLUGIN_FAILURE;
}

}  // namespace

// The per-call path is short: at one event per call it is most of what a
// generated plugin costs more than a hand-written one (bench/, batch size 1).
ss_plugin_rc next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    PluginState* state = plugin_state(s);
    InstanceState* instance = instance_state(h);
    if (FALCOGEN_UNLIKELY(instance == nullptr || instance->eof)) return no_batch(*state, instance, nevts, evts);
    *nevts = 0;  // what the host sees if the author's next_batch throws
    *evts = nullptr;
    return guard(state->error, "plugin_next_batch", [&] {
        EventBatch& batch = instance->batch;
        BatchAccess::clear(batch);
        const NextResult result = instance->next_batch(*instance->impl, batch);
        const uint32_t count = batch.size();
        *nevts = count;
        *evts = BatchAccess::events(batch);
        if (FALCOGEN_UNLIKELY(result != NextResult::ok || count == 0)) return unusual_result(*state, *instance, result);
        return SS_PLUGIN_SUCCESS;
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
