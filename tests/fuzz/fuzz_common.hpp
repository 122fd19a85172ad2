// Shared by the fuzz targets: a check that aborts (libFuzzer reports it as a
// crash, the replay driver as a failed test) and a tiny plugin loader.
#pragma once

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <falcogen/abi/plugin_api.h>

#define FUZZ_CHECK(cond, ...)                                                                    \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            std::fprintf(stderr, "fuzz check failed at %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__);                                                   \
            std::fprintf(stderr, "\n");                                                          \
            std::abort();                                                                        \
        }                                                                                        \
    } while (0)

namespace fuzz {

struct Plugin {
    void* dl = nullptr;
    ss_plugin_t* (*init)(const ss_plugin_init_input*, ss_plugin_rc*) = nullptr;
    void (*destroy)(ss_plugin_t*) = nullptr;
    const char* (*get_last_error)(ss_plugin_t*) = nullptr;
    ss_instance_t* (*open)(ss_plugin_t*, const char*, ss_plugin_rc*) = nullptr;
    void (*close)(ss_plugin_t*, ss_instance_t*) = nullptr;
    ss_plugin_rc (*next_batch)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***) = nullptr;
    const char* (*event_to_string)(ss_plugin_t*, const ss_plugin_event_input*) = nullptr;
    const char* (*get_fields)() = nullptr;
    ss_plugin_rc (*extract_fields)(ss_plugin_t*, const ss_plugin_event_input*,
                                   const ss_plugin_field_extract_input*) = nullptr;

    template <typename F>
    void get(F& f, const char* name, bool required = true) {
        f = reinterpret_cast<F>(dlsym(dl, name));
        FUZZ_CHECK(f != nullptr || !required, "missing symbol %s", name);
    }
    explicit Plugin(const char* path) {
        dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        FUZZ_CHECK(dl != nullptr, "dlopen %s: %s", path, dlerror());
        get(init, "plugin_init");
        get(destroy, "plugin_destroy");
        get(get_last_error, "plugin_get_last_error");
        // An extract-only plugin (no plugin_get_event_source) has no capture symbols.
        const bool sourcing = dlsym(dl, "plugin_get_event_source") != nullptr;
        get(open, "plugin_open", sourcing);
        get(close, "plugin_close", sourcing);
        get(next_batch, "plugin_next_batch", sourcing);
        get(event_to_string, "plugin_event_to_string", sourcing);
        get(get_fields, "plugin_get_fields", false);
        get(extract_fields, "plugin_extract_fields", false);
    }
};

inline void ignore_log(ss_plugin_owner_t*, const char*, const char*, ss_plugin_log_severity) {}

}  // namespace fuzz
