// Loading a plugin linked into the program: its plugin_api table, taken as
// libsinsp's plugin_load_api takes it (plugin_loader.c), then judged by the
// same rules as a plugin loaded by path.
#include <falcogen/host/host.hpp>

#include <cstddef>
#include <cstring>

#include "internal.hpp"

namespace falcogen::host {

namespace {

// plugin_load_api's fix-up: a table of a plugin that requires API 3.x below 3.10
// has the layout of before dump_state, whose members from set_config on sit one
// slot lower; they move up by one slot and dump_state is cleared.
void fix_legacy_layout(plugin_api& api) {
    constexpr size_t from = offsetof(plugin_api, dump_state);
    constexpr size_t to = offsetof(plugin_api, set_config);
    unsigned char bytes[sizeof(plugin_api)];
    std::memcpy(bytes, &api, sizeof(api));
    std::memmove(bytes + to, bytes + from, sizeof(plugin_api) - to);
    std::memcpy(&api, bytes, sizeof(api));
    api.dump_state = nullptr;
}

PluginApi from_table(const plugin_api& t) {
    PluginApi a;
    a.get_required_api_version = t.get_required_api_version;
    a.get_init_schema = t.get_init_schema;
    a.init = t.init;
    a.destroy = t.destroy;
    a.get_last_error = t.get_last_error;
    a.get_name = t.get_name;
    a.get_description = t.get_description;
    a.get_contact = t.get_contact;
    a.get_version = t.get_version;
    a.get_id = t.get_id;
    a.get_event_source = t.get_event_source;
    a.open = t.open;
    a.close = t.close;
    a.list_open_params = t.list_open_params;
    a.get_progress = t.get_progress;
    a.event_to_string = t.event_to_string;
    a.next_batch = t.next_batch;
    a.get_fields = t.get_fields;
    a.extract_fields = t.extract_fields;
    a.get_extract_event_types = t.get_extract_event_types;
    a.get_extract_event_sources = t.get_extract_event_sources;
    a.parse_event = t.parse_event;
    a.get_parse_event_types = t.get_parse_event_types;
    a.get_parse_event_sources = t.get_parse_event_sources;
    a.get_async_events = t.get_async_events;
    a.get_async_event_sources = t.get_async_event_sources;
    a.set_async_event_handler = t.set_async_event_handler;
    a.set_config = t.set_config;
    a.get_metrics = t.get_metrics;
    a.capture_open = t.capture_open;
    a.capture_close = t.capture_close;
    a.dump_state = t.dump_state;
    a.get_required_event_schema_version = t.get_required_event_schema_version;
    return a;
}

}  // namespace

void Host::load_api(const plugin_api* table) {
    if (table == nullptr) {
        throw HostError("can't allocate plugin handle with invalid API table (the plugin_api table is NULL)");
    }
    plugin_api api = *table;
    if (api.get_required_api_version == nullptr) {
        throw HostError("required symbol not implemented: 'plugin_get_required_api_version'");
    }
    const char* raw = api.get_required_api_version();
    auto version = Version::parse(opt_str(raw));
    if (!version) {
        throw HostError("plugin provided an invalid required API version: '" + opt_str(raw) + "' (expected X.Y.Z)");
    }
    if (version->major == 3 && version->minor < FALCOGEN_PLUGIN_API_DUMP_STATE_MINOR) fix_legacy_layout(api);
    api_ = from_table(api);
    judge_symbols();
}

}  // namespace falcogen::host
