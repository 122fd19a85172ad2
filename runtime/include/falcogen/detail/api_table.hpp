// The plugin_api table: the plugin API as one struct, for hosts that link
// plugins in (libsinsp's sinsp::register_plugin(const plugin_api*)). The
// generated falcogen_plugin_api_<name>() fills one with the plugin's functions
// in the current layout and hands it to api_table(), which lays it out for the
// plugin's required API version.
#pragma once

#include <cstddef>
#include <cstring>

#include "falcogen/abi/plugin_api.h"

namespace falcogen::detail {

// The major and minor of a "X.Y.Z" version (false if it does not start so).
inline bool api_major_minor(const char* version, unsigned& major, unsigned& minor) {
    unsigned parts[2] = {0, 0};
    const char* p = version;
    for (unsigned& part : parts) {
        if (p == nullptr || *p < '0' || *p > '9') return false;
        while (*p >= '0' && *p <= '9') part = part * 10 + static_cast<unsigned>(*p++ - '0');
        if (*p++ != '.') return false;
    }
    major = parts[0];
    minor = parts[1];
    return true;
}

// `api` as a host expects it from a plugin that requires its
// get_required_api_version(): below 3.10, the layout of before dump_state
// (set_config in dump_state's slot, each later member one slot up, the last
// slot empty), which plugin_load_api moves back; from 3.10 on, as it is.
inline plugin_api api_table(plugin_api api) {
    unsigned major = 0, minor = 0;
    if (api.get_required_api_version == nullptr || !api_major_minor(api.get_required_api_version(), major, minor) ||
        major != 3 || minor >= FALCOGEN_PLUGIN_API_DUMP_STATE_MINOR) {
        return api;
    }
    constexpr size_t to = offsetof(plugin_api, dump_state);
    constexpr size_t from = offsetof(plugin_api, set_config);
    unsigned char bytes[sizeof(plugin_api)];
    std::memcpy(bytes, &api, sizeof(api));
    std::memmove(bytes + to, bytes + from, sizeof(plugin_api) - from);
    std::memset(bytes + sizeof(plugin_api) - (from - to), 0, from - to);
    std::memcpy(&api, bytes, sizeof(api));
    return api;
}

}  // namespace falcogen::detail
