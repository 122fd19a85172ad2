// Helpers shared by the source files of the falcogen_host library (not installed).
#pragma once

#include <falcogen/host/host.hpp>

#include <string>

#include <algorithm>
#include <set>
#include <vector>

namespace falcogen::host {

// A C string from the plugin as std::string ("" for NULL).
inline std::string opt_str(const char* s) {
    return s == nullptr ? std::string() : std::string(s);
}

// The source name the plugin gets with `evt`: the event's own, else the
// plugin's (Host::events_source_name).
inline std::string source_for(const Host& host, const HostEvent& evt) {
    return evt.source().empty() ? host.events_source_name() : evt.source();
}

// The ss_plugin_event_input of `evt`; `source` must outlive it.
inline ss_plugin_event_input event_input(const HostEvent& evt, const std::string& source) {
    ss_plugin_event_input in{};
    in.evt = evt.header();
    in.evtnum = evt.evtnum();
    in.evtsrc = source.c_str();
    return in;
}

// libsinsp's event set of a capability (resolve_dylib_compatible_codes): the
// plugin's own list of types; without one, every type when its sources are
// syscall-compatible (none listed, or "syscall" among them), else only
// plugin events. And its sources: none listed means every source.
inline bool syscall_compatible(const std::set<std::string>& sources) {
    return sources.empty() || sources.count("syscall") != 0;
}
inline bool accepts_type(const std::vector<uint16_t>& types, const std::set<std::string>& sources, uint16_t type) {
    if (!types.empty()) return std::find(types.begin(), types.end(), type) != types.end();
    return type == kPluginEventType || syscall_compatible(sources);
}
inline bool accepts_source(const std::set<std::string>& sources, const std::string& source) {
    return sources.empty() || source.empty() || sources.count(source) != 0;
}

}  // namespace falcogen::host
