// Logging through the host's log function (API 3.3+), or stderr without it.
#pragma once

#include <string>
#include <string_view>

#include "falcogen/abi/plugin_api.h"

namespace falcogen {

enum class Severity : int {
    fatal = SS_PLUGIN_LOG_SEV_FATAL,
    critical = SS_PLUGIN_LOG_SEV_CRITICAL,
    error = SS_PLUGIN_LOG_SEV_ERROR,
    warning = SS_PLUGIN_LOG_SEV_WARNING,
    notice = SS_PLUGIN_LOG_SEV_NOTICE,
    info = SS_PLUGIN_LOG_SEV_INFO,
    debug = SS_PLUGIN_LOG_SEV_DEBUG,
    trace = SS_PLUGIN_LOG_SEV_TRACE,
};

// Cheap to copy; valid for the plugin's whole life (the API guarantees the
// owner and log_fn outlive the plugin state).
class Logger {
public:
    Logger() = default;
    Logger(const char* plugin_name, ss_plugin_owner_t* owner, ss_plugin_log_fn_t fn)
        : name_(plugin_name), owner_(owner), fn_(fn) {}

    // The same log under a component name (the host's log function shows it
    // instead of the plugin name). `component` must outlive the Logger: a
    // string literal does.
    Logger component(const char* component) const {
        Logger copy = *this;
        copy.component_ = component;
        return copy;
    }
    const char* component_name() const { return component_ != nullptr ? component_ : name_; }

    void log(Severity sev, std::string_view message) const;
    void fatal(std::string_view m) const { log(Severity::fatal, m); }
    void critical(std::string_view m) const { log(Severity::critical, m); }
    void error(std::string_view m) const { log(Severity::error, m); }
    void warning(std::string_view m) const { log(Severity::warning, m); }
    void notice(std::string_view m) const { log(Severity::notice, m); }
    void info(std::string_view m) const { log(Severity::info, m); }
    void debug(std::string_view m) const { log(Severity::debug, m); }
    void trace(std::string_view m) const { log(Severity::trace, m); }

    bool uses_host() const { return fn_ != nullptr; }

private:
    const char* name_ = "plugin";
    const char* component_ = nullptr;  // nullptr: the plugin name
    ss_plugin_owner_t* owner_ = nullptr;
    ss_plugin_log_fn_t fn_ = nullptr;
};

}  // namespace falcogen
