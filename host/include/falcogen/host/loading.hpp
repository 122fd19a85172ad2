// What loading a plugin checks and yields besides the Host itself: the plugin
// API version the host implements and the version rules, the capability bits,
// and the table of plugin_* symbols resolved with dlsym.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <falcogen/abi/plugin_api.h>

namespace falcogen::host {

// ---- versions -----------------------------------------------------------------------------------

struct Version {
    uint32_t major = 0, minor = 0, patch = 0;
    std::string str() const;
    // Strict "X.Y.Z" (digits only).
    static std::optional<Version> parse(const std::string& s);
};

// The plugin API version this host implements.
constexpr Version kHostApiVersion{3, 12, 0};

// True when `s` is a semantic version 2.0.0 string (X.Y.Z[-pre][+build]).
bool is_semver(const std::string& s);

// ---- capabilities -------------------------------------------------------------------------------

enum Capability : uint32_t {
    CAP_NONE = 0,
    CAP_SOURCING = 1u << 0,
    CAP_EXTRACTION = 1u << 1,
    CAP_PARSING = 1u << 2,
    CAP_ASYNC = 1u << 3,
    CAP_CAPTURE_LISTENING = 1u << 4,
};

// "sourcing, extraction" (or "none")
std::string capabilities_to_string(uint32_t caps);

// ---- symbols ------------------------------------------------------------------------------------

// The resolved vtable of API 3.12 (NULL = not exported).
struct PluginApi {
    const char* (*get_required_api_version)() = nullptr;
    const char* (*get_init_schema)(ss_plugin_schema_type*) = nullptr;
    ss_plugin_t* (*init)(const ss_plugin_init_input*, ss_plugin_rc*) = nullptr;
    void (*destroy)(ss_plugin_t*) = nullptr;
    const char* (*get_last_error)(ss_plugin_t*) = nullptr;
    const char* (*get_name)() = nullptr;
    const char* (*get_description)() = nullptr;
    const char* (*get_contact)() = nullptr;
    const char* (*get_version)() = nullptr;
    uint32_t (*get_id)() = nullptr;
    const char* (*get_event_source)() = nullptr;
    ss_instance_t* (*open)(ss_plugin_t*, const char*, ss_plugin_rc*) = nullptr;
    void (*close)(ss_plugin_t*, ss_instance_t*) = nullptr;
    const char* (*list_open_params)(ss_plugin_t*, ss_plugin_rc*) = nullptr;
    const char* (*get_progress)(ss_plugin_t*, ss_instance_t*, uint32_t*) = nullptr;
    const char* (*event_to_string)(ss_plugin_t*, const ss_plugin_event_input*) = nullptr;
    ss_plugin_rc (*next_batch)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***) = nullptr;
    const char* (*get_fields)() = nullptr;
    ss_plugin_rc (*extract_fields)(ss_plugin_t*, const ss_plugin_event_input*,
                                   const ss_plugin_field_extract_input*) = nullptr;
    uint16_t* (*get_extract_event_types)(uint32_t*, ss_plugin_t*) = nullptr;
    const char* (*get_extract_event_sources)() = nullptr;
    ss_plugin_rc (*parse_event)(ss_plugin_t*, const ss_plugin_event_input*,
                                const ss_plugin_event_parse_input*) = nullptr;
    uint16_t* (*get_parse_event_types)(uint32_t*, ss_plugin_t*) = nullptr;
    const char* (*get_parse_event_sources)() = nullptr;
    const char* (*get_async_events)() = nullptr;
    const char* (*get_async_event_sources)() = nullptr;
    ss_plugin_rc (*set_async_event_handler)(ss_plugin_t*, ss_plugin_owner_t*,
                                            ss_plugin_async_event_handler_t) = nullptr;
    ss_plugin_rc (*set_config)(ss_plugin_t*, const ss_plugin_set_config_input*) = nullptr;
    ss_plugin_metric* (*get_metrics)(ss_plugin_t*, uint32_t*) = nullptr;
    ss_plugin_rc (*capture_open)(ss_plugin_t*, const ss_plugin_capture_listen_input*) = nullptr;
    ss_plugin_rc (*capture_close)(ss_plugin_t*, const ss_plugin_capture_listen_input*) = nullptr;
    ss_plugin_rc (*dump_state)(ss_plugin_t*, ss_plugin_owner_t*, ss_plugin_async_event_handler_t) = nullptr;
    const char* (*get_required_event_schema_version)(ss_plugin_t*) = nullptr;
};

}  // namespace falcogen::host
