// Parsing and state tables end to end: generated plugins loaded by the host,
// which gives them libsinsp's threads table (and its fd subtable) and the
// tables other plugins export, driven through the C ABI as libsinsp drives
// them. The test kit (falcogen/host/tables.hpp) plays the rest of libsinsp:
// it fills the threads table and reads back what the plugins wrote.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstring>
#include <memory>

#include "syscall_event.hpp"

using namespace falcogen::host;
using testing_events::syscall_event;

namespace {

std::string i64(int64_t v) {
    return std::string(reinterpret_cast<const char*>(&v), 8);
}
std::string cstr(const std::string& s) {
    return std::string(s.c_str(), s.size() + 1);
}

// A registry with two threads: 10 (bash, fds 3 and 4) and 11 (curl).
std::shared_ptr<TableRegistry> registry_with_threads() {
    auto registry = std::make_shared<TableRegistry>();
    ThreadsTable& threads = registry->threads();
    threads.add_thread(10, {{"pid", 10}, {"comm", "bash"}});
    threads.add_fd(10, 3, {{"name", "/etc/passwd"}});
    threads.add_fd(10, 4, {{"name", "/tmp/x"}});
    threads.add_thread(11, {{"pid", 11}, {"comm", "curl"}});
    return registry;
}

HostOptions with(const std::shared_ptr<TableRegistry>& registry) {
    HostOptions o;
    o.tables = registry;
    return o;
}

}  // namespace

TEST_CASE("statex: parse writes the threads table, its fd subtable and its own table; fields read them") {
    auto registry = registry_with_threads();
    Host host(STATEX_PLUGIN, with(registry));
    host.init("");
    // Fields added by the plugin exist for every thread, zero until written.
    CHECK(registry->threads().thread(11).get<uint64_t>("statex_events") == 0);

    host.parse_event(syscall_event(1, 10, 4, {i64(3)}));  // an event whose first parameter is fd 3
    host.parse_event(syscall_event(2, 10, 6, {i64(5)}));  // fd 5: the thread has no such fd
    host.parse_event(syscall_event(3, 11, 8, {"ab"}));
    ThreadsTable& threads = registry->threads();
    CHECK(threads.thread(10).get<uint64_t>("statex_events") == 2);
    CHECK(threads.thread(10).get<std::string>("statex_last") == "6");
    CHECK(threads.thread(11).get<uint64_t>("statex_events") == 1);
    CHECK(threads.fds(10).at(3).get<bool>("statex_touched") == true);
    CHECK(threads.fds(10).at(4).get<bool>("statex_touched") == false);

    const HostEvent evt = syscall_event(4, 10, 4, {i64(4)});
    CHECK(host.extract<uint64_t>(evt, "statex.events") == 2u);
    CHECK(host.extract<std::string>(evt, "statex.last") == "6");
    CHECK(host.extract<std::string>(evt, "statex.comm") == "bash");
    CHECK(host.extract<bool>(evt, "statex.fd_touched[3]") == true);
    CHECK(host.extract<bool>(evt, "statex.fd_touched[4]") == false);
    CHECK_FALSE(host.extract<bool>(evt, "statex.fd_touched[9]").has_value());  // no fd 9: no value
    CHECK(host.extract<uint64_t>(evt, "statex.comm_events[bash]") == 2u);
    CHECK(host.extract<uint64_t>(evt, "statex.comm_events[curl]") == 1u);
    CHECK_FALSE(host.extract<uint64_t>(evt, "statex.comm_events[zsh]").has_value());
    // A thread the table does not have: no value, not an error.
    CHECK_FALSE(host.extract<uint64_t>(syscall_event(5, 99, 4, {}), "statex.events").has_value());
}

TEST_CASE("statex: its exported table, as another plugin sees it through the host") {
    auto registry = registry_with_threads();
    Host host(STATEX_PLUGIN, with(registry));
    host.init("");
    host.parse_event(syscall_event(1, 10, 4, {i64(3)}));
    host.parse_event(syscall_event(2, 11, 4, {i64(3)}));
    host.parse_event(syscall_event(3, 11, 4, {i64(3)}));

    TableRef comms = registry->table("statex_comms");
    CHECK(comms.owner() == "statex");
    CHECK(comms.key_type() == SS_PLUGIN_ST_STRING);
    CHECK(comms.size() == 2);
    const auto fields = comms.fields();
    REQUIRE(fields.size() == 2);
    CHECK(fields[0].name == "events");
    CHECK(fields[0].type == SS_PLUGIN_ST_UINT64);
    CHECK_FALSE(fields[0].read_only);
    CHECK(fields[1].name == "first_tid");
    CHECK(fields[1].read_only);
    CHECK(comms.at("curl").get<uint64_t>("events") == 2);
    CHECK(comms.at("curl").get<int64_t>("first_tid") == 11);

    // Written by another plugin: the plugin's own field sees it.
    comms.at("curl").set("events", uint64_t{40});
    CHECK(host.extract<uint64_t>(syscall_event(4, 10, 4, {}), "statex.comm_events[curl]") == 40u);
    CHECK_THROWS_WITH_AS(comms.at("curl").set("first_tid", int64_t{1}), doctest::Contains("read-only"), HostError);
    // A field another plugin adds: every entry has it.
    comms.add_field("other_plugin_flag", SS_PLUGIN_ST_BOOL);
    CHECK(comms.at("bash").get<bool>("other_plugin_flag") == false);
    comms.at("bash").set("other_plugin_flag", true);
    CHECK(comms.at("bash").get<bool>("other_plugin_flag") == true);
    // Entries another plugin adds and erases.
    comms.add("zsh", {{"events", uint64_t{7}}});
    CHECK(host.extract<uint64_t>(syscall_event(5, 10, 4, {}), "statex.comm_events[zsh]") == 7u);
    comms.erase("zsh");
    CHECK_FALSE(host.extract<uint64_t>(syscall_event(6, 10, 4, {}), "statex.comm_events[zsh]").has_value());
}

TEST_CASE("plugin_init fails, naming the table or field, when the host lacks what the manifest imports") {
    SUBCASE("a field of another type") {
        Host host(STATEBAD_PLUGIN, with(registry_with_threads()));
        CHECK_THROWS_WITH_AS(host.init(""), doctest::Contains("the host has no field 'comm' of type uint64"),
                             HostError);
    }
    SUBCASE("another plugin's table, when that plugin is not loaded") {
        Host host(COMMWATCH_PLUGIN, with(registry_with_threads()));
        CHECK_THROWS_WITH_AS(host.init(""), doctest::Contains("the host has no table 'commstats' with string keys"),
                             HostError);
    }
}

TEST_CASE("opentrack: open exits counted per thread, the new fd ranked, fields bound without code") {
    auto registry = registry_with_threads();
    Host host(OPENTRACK_PLUGIN, with(registry));
    host.init("");
    CHECK(host.parse_event_types() == std::vector<uint16_t>{3, 307, 327});
    // libsinsp adds the fd before the plugins parse the exit event.
    registry->threads().add_fd(11, 5, {{"name", "/etc/hosts"}});
    host.parse_event(syscall_event(1, 11, 307, {i64(5), i64(-100), cstr("/etc/hosts"), "\0\0\0\0"}));
    host.parse_event(syscall_event(2, 11, 3, {i64(-2), cstr("/nope")}));  // failed: not counted
    registry->threads().add_fd(11, 6, {{"name", "/etc/resolv.conf"}});
    host.parse_event(syscall_event(3, 11, 3, {i64(6), cstr("/etc/resolv.conf")}));

    const HostEvent evt = syscall_event(4, 11, 3, {});
    CHECK(host.extract<uint64_t>(evt, "opentrack.opens") == 2u);
    CHECK(host.extract<std::string>(evt, "opentrack.last") == "/etc/resolv.conf");
    CHECK(host.extract<uint64_t>(evt, "opentrack.fd_rank[5]") == 1u);
    CHECK(host.extract<uint64_t>(evt, "opentrack.fd_rank[6]") == 2u);
    CHECK_FALSE(host.extract<uint64_t>(evt, "opentrack.fd_rank[7]").has_value());
    CHECK(registry->threads().fds(11).at(6).get<uint64_t>("opentrack_rank") == 2);
}

TEST_CASE("commstats + commwatch: one plugin's table read and extended by another") {
    auto registry = registry_with_threads();
    Host stats(COMMSTATS_PLUGIN, with(registry));
    Host watch(COMMWATCH_PLUGIN, with(registry));
    stats.init("");
    watch.init(R"({"threshold": 3})");  // after commstats: its table exists now
    // The field commwatch added to commstats' table.
    CHECK(registry->table("commstats").fields().back().name == "commwatch_noisy_at");

    for (uint64_t n = 1; n <= 4; ++n) {
        const HostEvent evt = syscall_event(n, 10, 4, {});
        stats.parse_event(evt);  // libsinsp's order: the plugins' parsers in load order
        watch.parse_event(evt);
        CHECK(watch.extract<uint64_t>(evt, "commwatch.events") == n);
        CHECK(watch.extract<bool>(evt, "commwatch.noisy") == (n >= 3));
    }
    const HostEvent last = syscall_event(5, 10, 4, {});
    CHECK(watch.extract<uint64_t>(last, "commwatch.noisy_at") == 3u);
    CHECK(watch.extract<uint64_t>(last, "commwatch.first_tid") == 10u);
    CHECK(stats.extract<uint64_t>(last, "commstats.events[bash]") == 4u);
    CHECK_FALSE(watch.extract<uint64_t>(syscall_event(6, 11, 4, {}), "commwatch.events").has_value());
    CHECK(registry->table("commstats").at("bash").get<uint64_t>("commwatch_noisy_at") == 3);
}
