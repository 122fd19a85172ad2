// plugin_extract_fields, instantiated in each plugin for its Event type and
// its constant table of fields. Everything on the per-call path is known at
// compile time there: the event's decoder is called directly, and each
// field's extractor, a constant of the table, is inlined at its case of the
// dispatch. libsinsp asks one field per call, so what surrounds the decoding
// and the value is most of the cost of a field.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/extract_field.hpp"
#include "falcogen/detail/fields.hpp"
#include "falcogen/detail/state.hpp"

namespace falcogen::detail {

// Calls the extractor of field `id`: a constant per case.
template <const auto& kFields, size_t... kIds>
FALCOGEN_INLINE void dispatch(uint32_t id, const ExtractContext& ctx, std::index_sequence<kIds...>) {
    (void)((id == kIds ? (kFields[kIds].extract(ctx, kFields[kIds]), true) : false) || ...);
}

// A call for one field (libsinsp asks one at a time): no per-field bookkeeping.
template <const auto& kFields, size_t... kIds>
FALCOGEN_INLINE void extract_one(PluginState& state, EventCore& event, ss_plugin_extract_field& field,
                                 std::index_sequence<kIds...>) {
    const bool known =
        ((field.field_id == kIds ? (extract_alone<kFields, kIds>(*state.impl, state.results, event, field), true)
                                 : false) ||
         ...);
    if (!known) throw Error("unknown field id " + std::to_string(field.field_id));
}

// A call for several fields, or with value offsets: each field's values go to
// a slot of the results. (Out of line: the one-field path stays small.)
template <typename Event, const auto& kFields>
FALCOGEN_NOINLINE void extract_many(PluginState& state, Event& event, const ss_plugin_field_extract_input* request,
                                    ss_plugin_extract_value_offsets* offsets) {
    constexpr size_t kCount = sizeof(kFields) / sizeof(kFields[0]);
    state.results.begin();
    for (uint32_t i = 0; i < request->num_fields; ++i) {
        const ss_plugin_extract_field& field = request->fields[i];
        if (field.field_id >= kCount) throw Error("unknown field id " + std::to_string(field.field_id));
        const FieldSpec& f = kFields[field.field_id];
        state.results.start_field(f.ftype);
        // The argument is required: no value without it.
        if ((f.flags & kArgRequired) != 0 && field.arg_present == 0) continue;
        dispatch<kFields>(field.field_id, ExtractContext{*state.impl, event, state.results, field},
                          std::make_index_sequence<kCount>());
    }
    state.results.finish(request->fields, offsets);
}

// A malformed event, an event of another layout or source, or an older event
// without the member: "no value" (res_len 0), never a read past the event.
// kOffsets: the manifest's extract.value_offsets, a constant of the plugin
// (a plugin without it never reads the request's value_offsets member).
template <typename Event, const auto& kFields, bool kOffsets>
FALCOGEN_INLINE ss_plugin_rc extract_request(PluginState& state, const ss_plugin_event_input* input,
                                             const ss_plugin_field_extract_input* request) {
    constexpr size_t kCount = sizeof(kFields) / sizeof(kFields[0]);
    auto& event = static_cast<Event&>(*state.event);
    event.template decode_as<Event>(input);
    const bool offsets = kOffsets && request->value_offsets != nullptr;
    if (request->num_fields == 1 && !offsets) {
        extract_one<kFields>(state, event, request->fields[0], std::make_index_sequence<kCount>());
    } else {
        // value_offsets exists in the input from API 3.11 on, which such a plugin requires.
        extract_many<Event, kFields>(state, event, request, offsets ? request->value_offsets : nullptr);
    }
    return SS_PLUGIN_SUCCESS;
}

// Field kId of a usual event: a plain field here, calling nothing; any other
// in extract_decoded, a tail call. A computed field goes to the author's
// class's own extract_decoded when FALCOGEN_PLUGIN made the plugin (the
// method is then called by name, inlined: direct_fields.hpp), not through
// the vtable.
template <const auto& kFields, size_t kId>
FALCOGEN_INLINE ss_plugin_rc extract_usual(PluginState& state, EventCore& event, ss_plugin_extract_field& field) {
    constexpr FieldSpec kField = kFields[kId];
    if constexpr (kField.is_plain) {
        state.results.begin_one<kField.ftype>();
        kField.plain(event, state.results);
        state.results.finish_one<kField.ftype>(field);
        return SS_PLUGIN_SUCCESS;
    } else {
        if constexpr ((kField.flags & kComputed) != 0) {
            if (state.direct != nullptr)
                return state.direct[kId](*state.impl, state.results, state.error, event, field);
        }
        return extract_decoded<kFields, kId>(*state.impl, state.results, state.error, event, field);
    }
}

// Field `field` (its id checked) of a usual event.
template <const auto& kFields, size_t... kIds>
FALCOGEN_INLINE ss_plugin_rc dispatch_usual(PluginState& state, EventCore& event, ss_plugin_extract_field& field,
                                            std::index_sequence<kIds...>) {
    ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
    (void)((field.field_id == kIds ? (rc = extract_usual<kFields, kIds>(state, event, field), true) : false) || ...);
    return rc;
}

// kTables: the plugin reads tables, with the reader the host passes (its _ext
// form exists from API 3.1 on, which such a plugin requires).
template <typename Event, const auto& kFields, bool kTables, bool kOffsets>
FALCOGEN_NOINLINE ss_plugin_rc extract_guarded(ss_plugin_t* s, const ss_plugin_event_input* input,
                                               const ss_plugin_field_extract_input* request) {
    PluginState& state = *static_cast<PluginState*>(s);
    return guard(state.error, "plugin_extract_fields", [&] {
        if constexpr (kTables) {
            CallTables call(state.calls, request->table_reader_ext, nullptr, request->owner,
                            request->get_owner_last_error);
            return extract_request<Event, kFields, kOffsets>(state, input, request);
        } else {
            return extract_request<Event, kFields, kOffsets>(state, input, request);
        }
    });
}

// The usual call (one field of a known id, a usual event: a plugin event of
// this plugin in the current version of a layout) is decoded here, calling
// nothing, and a plain field extracted the same way; other fields go to
// extract_decoded, other calls to extract_guarded, both tail calls. So the
// usual call saves no register and sets up no frame.
template <typename Event, const auto& kFields, bool kTables = false, bool kOffsets = false>
ss_plugin_rc extract_fields(ss_plugin_t* s, const ss_plugin_event_input* input,
                            const ss_plugin_field_extract_input* request) {
    if constexpr (!kTables && Event::kUsualPath) {
        PluginState& state = *static_cast<PluginState*>(s);
        auto& event = static_cast<Event&>(*state.event);
        constexpr size_t kCount = sizeof(kFields) / sizeof(kFields[0]);
        const bool one = request->num_fields == 1 && !(kOffsets && request->value_offsets != nullptr);
        if (one && request->fields[0].field_id < kCount && event.template decode_usual_as<Event>(input)) {
            return dispatch_usual<kFields>(state, event, request->fields[0], std::make_index_sequence<kCount>());
        }
    }
    return extract_guarded<Event, kFields, kTables, kOffsets>(s, input, request);
}

}  // namespace falcogen::detail
