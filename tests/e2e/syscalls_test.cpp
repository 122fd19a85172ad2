// examples/syscalls through the C ABI: fields bound to kernel event
// parameters by name (`param:`), and a computed field over typed views, on
// crafted syscall events: current ones, failed calls, older drivers' events
// with fewer parameters, wrong sizes, truncated events, other types.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "syscall_event.hpp"

using falcogen::host::Host;
using falcogen::host::HostEvent;

namespace {

constexpr uint16_t kOpenE = 2, kOpenX = 3, kExecveX = 293, kOpenatE = 306, kOpenatX = 307;

template <typename T>
std::string le(T v) {
    return std::string(reinterpret_cast<const char*>(&v), sizeof(v));
}
std::string text(const std::string& s) {
    return s + std::string(1, '\0');
}

HostEvent event(uint16_t type, const std::vector<std::string>& params, uint32_t len_fix = 0) {
    static uint64_t evtnum = 0;
    return testing_events::syscall_event(++evtnum, 42, type, params, len_fix);
}

// openat's exit as a current driver writes it: fd, dirfd, name, flags, mode, dev, ino.
HostEvent openat_x(int64_t fd, const std::string& name, uint32_t flags = 1) {
    return event(kOpenatX, {le<int64_t>(fd), le<int64_t>(-100), text(name), le<uint32_t>(flags), le<uint32_t>(0644),
                            le<uint32_t>(0), le<uint64_t>(7)});
}

struct Loaded {
    Host host{SYSCALLS_PLUGIN};
    Loaded() { host.init(""); }
};

}  // namespace

TEST_CASE("the example asks for the kernel events it names, by code") {
    Loaded loaded;
    Host& host = loaded.host;
    CHECK(host.extract_event_sources() == std::set<std::string>{"syscall"});
    CHECK(host.extract_event_types() == std::vector<uint16_t>{kOpenatX, kOpenX, kExecveX});
    CHECK(host.required_event_schema_version() == "4.0.0");
}

TEST_CASE("fields bound to openat's and open's parameters") {
    Loaded loaded;
    Host& host = loaded.host;
    const auto at = openat_x(5, "/etc/passwd", 0x241);
    CHECK(host.extract<std::string>(at, "sc.name") == "/etc/passwd");
    CHECK(host.extract<uint64_t>(at, "sc.flags") == 0x241u);
    CHECK(host.extract<uint64_t>(at, "sc.fd") == 5u);
    CHECK(host.extract<std::string>(at, "sc.opened") == "/etc/passwd");
    CHECK_FALSE(host.extract<std::string>(at, "sc.exe").has_value());  // not execve

    // open's exit (fd, name, flags, mode, dev, ino): the second binding of each field.
    const auto open = event(kOpenX, {le<int64_t>(3), text("/lib/libc.so.6"), le<uint32_t>(1), le<uint32_t>(0),
                                     le<uint32_t>(0), le<uint64_t>(9)});
    CHECK(host.extract<std::string>(open, "sc.name") == "/lib/libc.so.6");
    CHECK(host.extract<uint64_t>(open, "sc.fd") == 3u);
    CHECK(host.extract<uint64_t>(open, "sc.flags") == 1u);
    CHECK(host.extract<std::string>(open, "sc.opened") == "/lib/libc.so.6");
}

TEST_CASE("a failed open: the fd is negative, which a uint64 field does not hold") {
    Loaded loaded;
    Host& host = loaded.host;
    const auto failed = openat_x(-2, "/nope");  // -ENOENT
    CHECK_FALSE(host.extract<uint64_t>(failed, "sc.fd").has_value());
    CHECK(host.extract<std::string>(failed, "sc.name") == "/nope");
    CHECK_FALSE(host.extract<std::string>(failed, "sc.opened").has_value());
    const auto relative = openat_x(4, "lib/x.so");
    CHECK(host.extract<std::string>(relative, "sc.name") == "lib/x.so");
    CHECK_FALSE(host.extract<std::string>(relative, "sc.opened").has_value());
    const auto empty = openat_x(4, "");
    CHECK(host.extract<std::string>(empty, "sc.name") == "");
    CHECK_FALSE(host.extract<std::string>(empty, "sc.opened").has_value());
}

TEST_CASE("execve's exit: exe and res") {
    Loaded loaded;
    Host& host = loaded.host;
    const auto ok = event(kExecveX, {le<int64_t>(0), text("/usr/bin/curl"), text("google.com")});
    CHECK(host.extract<std::string>(ok, "sc.exe") == "/usr/bin/curl");
    CHECK(host.extract<uint64_t>(ok, "sc.res") == 0u);
    CHECK_FALSE(host.extract<std::string>(ok, "sc.name").has_value());
    const auto failed = event(kExecveX, {le<int64_t>(-13), text("/bin/nope")});
    CHECK_FALSE(host.extract<uint64_t>(failed, "sc.res").has_value());
    CHECK(host.extract<std::string>(failed, "sc.exe") == "/bin/nope");
}

TEST_CASE("older drivers, wrong sizes, truncated events and other types read as no value") {
    Loaded loaded;
    Host& host = loaded.host;
    const auto old = event(kOpenatX, {le<int64_t>(6), le<int64_t>(-100)});  // fewer parameters than the table
    CHECK(host.extract<uint64_t>(old, "sc.fd") == 6u);
    CHECK_FALSE(host.extract<std::string>(old, "sc.name").has_value());
    CHECK_FALSE(host.extract<uint64_t>(old, "sc.flags").has_value());
    CHECK_FALSE(host.extract<std::string>(old, "sc.opened").has_value());

    const auto sizes = event(kOpenatX, {le<int32_t>(6), le<int64_t>(-100), "no nul", le<uint16_t>(1)});
    CHECK_FALSE(host.extract<uint64_t>(sizes, "sc.fd").has_value());
    CHECK_FALSE(host.extract<std::string>(sizes, "sc.name").has_value());
    CHECK_FALSE(host.extract<uint64_t>(sizes, "sc.flags").has_value());

    const auto at = openat_x(5, "/etc/passwd");
    std::vector<std::string> params = {le<int64_t>(5), le<int64_t>(-100), text("/etc/passwd")};
    const auto truncated = event(kOpenatX, params, 3);
    CHECK_FALSE(host.extract<std::string>(truncated, "sc.name").has_value());
    CHECK_FALSE(host.extract<uint64_t>(truncated, "sc.fd").has_value());

    for (uint16_t type : {kOpenE, kOpenatE, uint16_t(1), uint16_t(9999)}) {
        const auto other = event(type, params);
        CHECK_FALSE(host.extract<std::string>(other, "sc.name").has_value());
        CHECK_FALSE(host.extract<uint64_t>(other, "sc.fd").has_value());
        CHECK_FALSE(host.extract<std::string>(other, "sc.opened").has_value());
    }
    CHECK(host.extract<std::string>(at, "sc.name") == "/etc/passwd");  // the plugin still works
}
