// Helpers shared by the host test suites.
#pragma once

#include <falcogen/host/host.hpp>

#include <doctest/doctest.h>

#include <string>

inline std::string plugin_path(const std::string& name) {
    return std::string(FALCOGEN_HOST_TEST_PLUGIN_DIR) + "/" + name + ".so";
}

// The message of the HostError thrown by `fn`, or "<no error>".
template <typename F>
std::string error_of(F&& fn) {
    try {
        fn();
    } catch (const falcogen::host::HostError& e) {
        return e.what();
    }
    return "<no error>";
}

inline std::string load_error(const std::string& name) {
    return error_of([&] { falcogen::host::Host h(plugin_path(name)); });
}

// Fast retries for tests.
inline falcogen::host::HostOptions test_options() {
    falcogen::host::HostOptions o;
    o.max_consecutive_timeouts = 50;
    o.timeout_backoff = std::chrono::microseconds(100);
    return o;
}
