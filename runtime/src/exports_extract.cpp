// The extraction capability's export: every requested field of one event.
#include <string>

#include "falcogen/detail/barrier.hpp"
#include "state.hpp"

namespace falcogen::detail::abi {

// A malformed event, an event of another layout or source, or an older event
// without the member: "no value" (res_len 0), never a read past the event.
ss_plugin_rc extract_fields(ss_plugin_t* s, const ss_plugin_event_input* input,
                            const ss_plugin_field_extract_input* request) {
    PluginState* state = plugin_state(s);
    return guard(state->error, "plugin_extract_fields", [&] {
        const ExtractSpec& spec = *state->spec.extract;
        state->event->decode(input);
        state->results.begin();
        for (uint32_t i = 0; i < request->num_fields; ++i) {
            const ss_plugin_extract_field& field = request->fields[i];
            if (field.field_id >= spec.num_fields) {
                throw Error("unknown field id " + std::to_string(field.field_id));
            }
            const FieldSpec& f = spec.fields[field.field_id];
            state->results.start_field(f.ftype);
            // The argument is required: no value without it.
            if ((f.flags & kArgRequired) != 0 && field.arg_present == 0) continue;
            f.extract(ExtractContext{*state->impl, *state->event, state->results, field}, f);
        }
        // value_offsets exists in the input from API 3.11 on, which such a plugin requires.
        state->results.finish(request->fields, spec.value_offsets ? request->value_offsets : nullptr);
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace falcogen::detail::abi
