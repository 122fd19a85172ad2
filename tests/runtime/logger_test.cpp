// The Logger: every severity of the API, and the component name passed to the host's log function.
#include <doctest/doctest.h>

#include <falcogen/logger.hpp>
#include <string>
#include <vector>

namespace {

struct Logged {
    std::string component, message;
    ss_plugin_log_severity sev;
};
std::vector<Logged> logged;

void log_fn(ss_plugin_owner_t*, const char* component, const char* msg, ss_plugin_log_severity sev) {
    logged.push_back({component != nullptr ? component : "(null)", msg, sev});
}

}  // namespace

TEST_CASE("Logger: every severity, with the plugin name or a component") {
    logged.clear();
    falcogen::Logger log("myplugin", nullptr, &log_fn);
    log.fatal("a");
    log.critical("b");
    log.error("c");
    log.warning("d");
    log.notice("e");
    log.info("f");
    log.debug("g");
    log.trace("h");
    log.component("tls").info("i");
    REQUIRE(logged.size() == 9);
    const ss_plugin_log_severity want[] = {
        SS_PLUGIN_LOG_SEV_FATAL,   SS_PLUGIN_LOG_SEV_CRITICAL, SS_PLUGIN_LOG_SEV_ERROR,
        SS_PLUGIN_LOG_SEV_WARNING, SS_PLUGIN_LOG_SEV_NOTICE,   SS_PLUGIN_LOG_SEV_INFO,
        SS_PLUGIN_LOG_SEV_DEBUG,   SS_PLUGIN_LOG_SEV_TRACE,    SS_PLUGIN_LOG_SEV_INFO};
    for (size_t i = 0; i < logged.size(); ++i) {
        CHECK(logged[i].sev == want[i]);
        CHECK(logged[i].message == std::string(1, char('a' + i)));
        CHECK(logged[i].component == (i < 8 ? "myplugin" : "tls"));
    }
}
