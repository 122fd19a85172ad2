// The exception barrier: no C++ exception may cross the C ABI into the host.
#pragma once

#include <exception>
#include <string>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/error_slot.hpp"

// Exported symbols: default visibility (the build also hides everything else
// with a linker version script, so only plugin_* leave the .so).
#define FALCOGEN_EXPORT extern "C" __attribute__((visibility("default")))

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
