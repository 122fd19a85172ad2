// Capture listening (plugin API 3.7): plugin_capture_open/close with the
// host's routine vtable and table vtables, as libsinsp's sinsp_plugin calls
// them when its inspector opens and closes (sinsp::open_common, sinsp::close).
#include <falcogen/host/host.hpp>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

ss_plugin_routine_t* Host::owner_subscribe(ss_plugin_owner_t* o, ss_plugin_routine_fn_t fn,
                                           ss_plugin_routine_state_t* routine_state) {
    auto* h = static_cast<Host*>(o);
    if (h == nullptr || fn == nullptr || h->options_.thread_pool == nullptr) return nullptr;
    ss_plugin_t* plugin = h->state_;
    auto id =
        h->options_.thread_pool->subscribe(h, [fn, plugin, routine_state] { return fn(plugin, routine_state) != 0; });
    return const_cast<void*>(id);
}

ss_plugin_rc Host::owner_unsubscribe(ss_plugin_owner_t* o, ss_plugin_routine_t* routine) {
    auto* h = static_cast<Host*>(o);
    if (h == nullptr || routine == nullptr || h->options_.thread_pool == nullptr) return SS_PLUGIN_FAILURE;
    return h->options_.thread_pool->unsubscribe(routine) ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
}

// libsinsp fills the input on its stack for each call; so does the host.
void Host::call_capture_listener(bool open) {
    require_init(open ? "capture_open" : "capture_close");
    if (!(caps_ & CAP_CAPTURE_LISTENING)) fail("plugin " + name_ + " has no capture listening capability");
    ss_plugin_routine_vtable routines{&Host::owner_subscribe, &Host::owner_unsubscribe};
    detail::TableCall call(table_owner_.get());
    ss_plugin_capture_listen_input in{};
    in.owner = this;
    in.routine = &routines;
    in.table_reader_ext = &call.reader;
    in.table_writer_ext = &call.writer;
    in.get_owner_last_error = &Host::owner_last_error;
    const ss_plugin_rc rc = open ? api_.capture_open(state_, &in) : api_.capture_close(state_, &in);
    if (rc != SS_PLUGIN_SUCCESS) {
        fail(std::string(open ? "capture_open" : "capture_close") + " error for plugin '" + name_ +
             "' : " + plugin_error());
    }
}

void Host::capture_open() {
    call_capture_listener(true);
    capture_open_ = true;
}

// Then the routines of this plugin are purged, as libsinsp purges its pool
// right after notifying the plugins.
void Host::capture_close() {
    capture_open_ = false;
    struct Purge {
        Host* host;
        ~Purge() {
            if (host->options_.thread_pool != nullptr) host->options_.thread_pool->purge(host);
        }
    } purge{this};
    call_capture_listener(false);
}

}  // namespace falcogen::host
