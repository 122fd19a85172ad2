// Helpers shared by the source files of the falcogen_host library (not installed).
#pragma once

#include <falcogen/host/host.hpp>

#include <string>

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

}  // namespace falcogen::host
