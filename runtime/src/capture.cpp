// plugin_capture_open and plugin_capture_close: the author's listeners run
// behind the exception barrier with the call's tables, and the routines of a
// capture end before the author hears that it closed.
#include "falcogen/detail/capture.hpp"

#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/state.hpp"
#include "falcogen/error.hpp"

namespace falcogen::detail::abi {

namespace {

using Listener = void (*)(PluginRoot&, ThreadPool&);

// The listen input's own get_owner_last_error exists only from API 3.9 on,
// and the plugin asks for 3.7: the one plugin_init got serves the same owner.
void run_listener(PluginState& state, const ss_plugin_capture_listen_input& input, Listener listener) {
    if (!state.impl) throw Error("the plugin is not initialized (plugin_init failed)");
    CallTables call(state.calls, input.table_reader_ext, input.table_writer_ext, input.owner, state.calls.owner_error);
    listener(*state.impl, state.pool);
}

}  // namespace

ss_plugin_rc capture_open(ss_plugin_t* s, const ss_plugin_capture_listen_input* input) {
    PluginState& state = *plugin_state(s);
    return guard(state.error, "plugin_capture_open", [&] {
        if (input == nullptr) throw Error("the host gave no capture listen input");
        state.pool.open(input->owner, input->routine, state.log);
        try {
            run_listener(state, *input, state.spec.capture->open);
        } catch (...) {
            state.pool.close();  // routines subscribed before the failure end with it
            throw;
        }
        return SS_PLUGIN_SUCCESS;
    });
}

ss_plugin_rc capture_close(ss_plugin_t* s, const ss_plugin_capture_listen_input* input) {
    PluginState& state = *plugin_state(s);
    return guard(state.error, "plugin_capture_close", [&] {
        state.pool.close();  // the author's capture_close runs with no routine running
        if (input == nullptr) throw Error("the host gave no capture listen input");
        run_listener(state, *input, state.spec.capture->close);
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace falcogen::detail::abi
