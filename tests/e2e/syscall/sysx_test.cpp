// Extraction from syscall events: the computed fields get the raw event and
// read its parameters by index, bounds-checked.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstring>

#include "syscall_event.hpp"

using falcogen::host::Host;
using falcogen::host::HostEvent;

// A syscall event of thread 42, number 1.
HostEvent syscall_event(uint16_t type, const std::vector<std::string>& params, uint32_t len_fix = 0) {
    return testing_events::syscall_event(1, 42, type, params, len_fix);
}

TEST_CASE("an extract-only plugin reads syscall events parameter by parameter") {
    Host host(SYSX_PLUGIN);
    CHECK(host.extract_event_sources() == std::set<std::string>{"syscall"});
    host.init("");
    CHECK(host.extract_event_types() == std::vector<uint16_t>{5, 6});
    auto evt = syscall_event(5, {std::string("/etc/passwd\0", 12), "rw"});
    CHECK(host.extract<uint64_t>(evt, "sysx.type") == 5u);
    CHECK(host.extract<std::string>(evt, "sysx.param[0]") == "/etc/passwd");
    CHECK(host.extract<std::string>(evt, "sysx.param[1]") == "rw");
    CHECK_FALSE(host.extract<std::string>(evt, "sysx.param[2]").has_value());
}

TEST_CASE("a plugin reading kernel events requires any driver of the snapshot's major schema version") {
    Host host(SYSX_PLUGIN);
    host.init("");
    CHECK(host.reads_kernel_events());
    CHECK(host.required_event_schema_version() == "4.0.0");
    host.check_event_schema_version("4.5.1");  // libsinsp HEAD's driver
    host.check_event_schema_version("4.0.0");
    CHECK_THROWS_WITH(host.check_event_schema_version("3.0.0"),
                      "plugin sysx required event schema version '4.0.0' not compatible with the event schema "
                      "version in use '3.0.0': major versions disagree");
    CHECK_THROWS_WITH(host.check_event_schema_version("5.0.0"), doctest::Contains("major versions disagree"));
}
