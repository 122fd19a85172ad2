#include "falcogen/logger.hpp"

#include <cstdio>

namespace falcogen {

namespace {
const char* severity_name(Severity sev) {
    switch (sev) {
        case Severity::fatal: return "fatal";
        case Severity::critical: return "critical";
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::notice: return "notice";
        case Severity::info: return "info";
        case Severity::debug: return "debug";
        case Severity::trace: return "trace";
    }
    return "log";
}
}  // namespace

void Logger::log(Severity sev, std::string_view message) const {
    try {
        std::string text(message);  // the host wants a NUL-terminated string
        if (fn_ != nullptr) {
            fn_(owner_, component_name(), text.c_str(), static_cast<ss_plugin_log_severity>(sev));
        } else {
            std::fprintf(stderr, "[%s] %s: %s\n", component_name(), severity_name(sev), text.c_str());
        }
    } catch (...) {
        // Logging must never be the reason a callback fails.
    }
}

}  // namespace falcogen
