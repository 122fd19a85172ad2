// The exception barrier: no C++ exception may cross the C ABI into the host.
#pragma once

#include <exception>
#include <string>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/error_slot.hpp"

// The plugin_* functions of the generated code. A shared plugin exports them,
// as the platform says: __declspec(dllexport) on Windows, default visibility
// elsewhere (the build hides everything else: a linker version script on
// Linux, an exported-symbols list on macOS; docs/portability.md). A static
// plugin (FALCOGEN_STATIC_PLUGIN, set by falcogen_add_plugin(... STATIC))
// keeps them local to its plugin.gen.cpp: its interface is the plugin_api
// table, so several static plugins link into one program without a clash.
#if defined(FALCOGEN_STATIC_PLUGIN)
#define FALCOGEN_EXPORT [[maybe_unused]] static
#elif defined(_WIN32) || defined(__CYGWIN__)
#define FALCOGEN_EXPORT extern "C" __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define FALCOGEN_EXPORT extern "C" __attribute__((visibility("default")))
#else
#define FALCOGEN_EXPORT extern "C"
#endif

namespace falcogen::detail {

// Turns the exception in flight into "callback: what" in `slot`.
// Must be called from inside a catch block.
inline void record_current_exception(ErrorSlot& slot, const char* callback) noexcept {
    try {
        throw;
    } catch (const std::exception& e) {
        slot.set(std::string(callback) + ": " + e.what());
    } catch (...) {
        slot.set(std::string(callback) + ": unknown exception (not derived from std::exception)");
    }
}

// Runs `body` (returning ss_plugin_rc) and maps any exception to
// SS_PLUGIN_FAILURE with the message recorded in `slot`.
template <typename Body>
ss_plugin_rc guard(ErrorSlot& slot, const char* callback, Body&& body) noexcept {
    try {
        return body();
    } catch (...) {
        record_current_exception(slot, callback);
        return SS_PLUGIN_FAILURE;
    }
}

}  // namespace falcogen::detail
