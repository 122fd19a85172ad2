// Capture listening end to end: the listenx plugin (generated from
// plugin.yaml) driven through the C ABI by falcogen's host, with the host's
// thread pool (libsinsp built with ENABLE_THREAD_POOL) and without one (Falco's
// build: the runtime runs the routines on threads of its own).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <chrono>
#include <thread>

#include "syscall_event.hpp"

#include "eventually.hpp"

using namespace falcogen::host;
using testing_wait::eventually;
using testing_wait::logged;

namespace {

struct Setup {
    std::shared_ptr<RoutinePool> pool;  // nullptr: the host has none
    std::unique_ptr<Host> host;
};

Setup load(const std::string& config, bool with_pool) {
    Setup s;
    HostOptions options;
    if (with_pool) s.pool = std::make_shared<RoutinePool>(2);
    options.thread_pool = s.pool;
    s.host = std::make_unique<Host>(LISTENX_PLUGIN, options);
    s.host->tables().threads().add_thread(1);
    s.host->tables().threads().add_thread(42);
    s.host->init(config);
    return s;
}

uint64_t metric(Host& h, const std::string& name) {
    for (const Metric& m : h.metrics()) {
        if (m.name == "listenx." + name) return static_cast<uint64_t>(m.as_double());
    }
    FAIL("no metric " << name);
    return 0;
}

// The routine calls stay the same for a while: no routine runs.
bool frozen(Host& h) {
    const uint64_t before = metric(h, "routine_calls");
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return metric(h, "routine_calls") == before;
}

std::string subscribe_now(Host& h) {
    return h.extract<std::string>(testing_events::syscall_event(1, 1, 3, {}), "listenx.subscribe_now").value_or("");
}

}  // namespace

TEST_CASE("the plugin listens to the capture and asks for API 3.7.0") {
    Host h(LISTENX_PLUGIN);
    CHECK(h.has(CAP_CAPTURE_LISTENING));
    CHECK(h.required_api_version() == "3.7.0");
}

TEST_CASE("routines run from capture_open to capture_close, with or without the host's pool") {
    for (const bool with_pool : {true, false}) {
        CAPTURE(with_pool);
        Setup s = load("", with_pool);
        Host& h = *s.host;
        h.capture_open();
        CHECK(metric(h, "opens") == 1);
        CHECK(metric(h, "threads_at_open") == 2);  // tables() work in capture_open
        REQUIRE(eventually([&] { return metric(h, "routine_calls") > 20; }));
        CHECK(h.extract<uint64_t>(testing_events::syscall_event(1, 1, 3, {}), "listenx.calls").value_or(0) > 20);
        if (with_pool) {
            CHECK(s.pool->calls() > 20);  // the host ran them
            CHECK(s.pool->routines() == 2);
        }
        CHECK(subscribe_now(h) == "subscribed");
        h.capture_close();
        CHECK(metric(h, "closes") == 1);
        CHECK(metric(h, "running_at_close") == 0);  // every routine had ended before capture_close
        CHECK(frozen(h));
        if (with_pool) CHECK(s.pool->routines() == 0);
        CHECK(subscribe_now(h).find("no capture is open") != std::string::npos);

        const uint64_t first = metric(h, "routine_calls");  // a second capture starts them again
        h.capture_open();
        REQUIRE(eventually([&] { return metric(h, "routine_calls") > first + 20; }));
        h.capture_close();
        CHECK(metric(h, "opens") == 2);
        CHECK(metric(h, "closes") == 2);
        CHECK(frozen(h));
    }
}

TEST_CASE("a failing capture_open fails with libsinsp's message and stops its routines") {
    for (const bool with_pool : {true, false}) {
        CAPTURE(with_pool);
        Setup s = load(R"({"mode": "fail_open"})", with_pool);
        Host& h = *s.host;
        CHECK_THROWS_WITH_AS(h.capture_open(),
                             doctest::Contains("capture_open error for plugin 'listenx' : "
                                               "plugin_capture_open: capture_open failed on purpose"),
                             HostError);
        CHECK_FALSE(h.capture_is_open());
        CHECK(frozen(h));
        CHECK(subscribe_now(h).find("no capture is open") != std::string::npos);  // still usable
    }
}

TEST_CASE("a routine that throws is logged and unsubscribed; the others go on") {
    Setup s = load(R"({"mode": "throw_routine", "routines": 1})", true);
    Host& h = *s.host;
    h.capture_open();
    REQUIRE(eventually([&] { return logged(h, "a routine failed and was unsubscribed: routine failed on purpose"); }));
    CHECK(frozen(h));
    CHECK(metric(h, "routine_calls") == 3);
    CHECK(eventually([&] { return s.pool->routines() == 0; }));  // it returned false to the host
    h.capture_close();
    CHECK(metric(h, "closes") == 1);
}

TEST_CASE("a routine that returns false is not called again") {
    for (const bool with_pool : {true, false}) {
        CAPTURE(with_pool);
        Setup s = load(R"({"mode": "self_stop", "routines": 1})", with_pool);
        Host& h = *s.host;
        h.capture_open();
        REQUIRE(eventually([&] { return metric(h, "routine_calls") == 5; }));
        CHECK(frozen(h));
        CHECK(metric(h, "routine_calls") == 5);
        h.capture_close();
    }
}

TEST_CASE("unsubscribe stops a routine once; the host's pool drops it") {
    for (const bool with_pool : {true, false}) {
        CAPTURE(with_pool);
        Setup s = load(R"({"mode": "unsubscribe", "routines": 0})", with_pool);
        Host& h = *s.host;
        h.capture_open();
        CHECK(metric(h, "unsubscribed") == 1);
        if (with_pool) CHECK(s.pool->routines() == 0);
        h.capture_close();
    }
}

TEST_CASE("a failing capture_close reports libsinsp's message; routines end anyway") {
    Setup s = load(R"({"mode": "fail_close"})", false);
    Host& h = *s.host;
    h.capture_open();
    REQUIRE(eventually([&] { return metric(h, "routine_calls") > 5; }));
    CHECK_THROWS_WITH_AS(h.capture_close(),
                         doctest::Contains("capture_close error for plugin 'listenx' : "
                                           "plugin_capture_close: capture_close failed on purpose"),
                         HostError);
    CHECK(frozen(h));
    CHECK(metric(h, "running_at_close") == 0);
}

TEST_CASE("destroying the plugin with the capture open ends its routines") {
    for (const bool with_pool : {true, false}) {
        CAPTURE(with_pool);
        Setup s = load("", with_pool);
        s.host->capture_open();
        REQUIRE(eventually([&] { return metric(*s.host, "routine_calls") > 5; }));
        s.host.reset();  // capture_close, purge, plugin_destroy
        if (with_pool) CHECK(s.pool->routines() == 0);
    }
}
