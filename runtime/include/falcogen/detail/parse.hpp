// plugin_parse_event, instantiated in each plugin with parsing for its Event
// type and the author's parse method: the event is decoded once (extraction
// of the same event reuses it), the tables get the call's reader and writer,
// and the author's parse runs behind the exception barrier.
#pragma once

#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/state.hpp"

namespace falcogen::detail {

template <typename M>
struct parse_method_of;
template <typename P, typename E>
struct parse_method_of<void (P::*)(const E&)> {
    using plugin = P;
    using event = E;
};

template <auto kParse, bool kTables>
ss_plugin_rc parse_event(ss_plugin_t* s, const ss_plugin_event_input* input, const ss_plugin_event_parse_input* in) {
    using Method = parse_method_of<decltype(kParse)>;
    using Event = typename Method::event;
    PluginState& state = *static_cast<PluginState*>(s);
    return guard(state.error, "plugin_parse_event", [&] {
        auto& event = static_cast<Event&>(*state.event);
        event.template decode_as<Event>(input);
        auto& plugin = static_cast<typename Method::plugin&>(*state.impl);
        if constexpr (kTables) {
            // The _ext vtables exist in hosts of API 3.1 on, which such a plugin requires.
            CallTables call(state.calls, in->table_reader_ext, in->table_writer_ext, in->owner,
                            in->get_owner_last_error);
            (plugin.*kParse)(event);
        } else {
            (plugin.*kParse)(event);
        }
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace falcogen::detail
