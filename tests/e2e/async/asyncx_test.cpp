// Async events and dump_state end to end: the asyncx plugin (generated from
// plugin.yaml) driven through the C ABI by falcogen's host, which checks every
// event as libsinsp does.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "eventually.hpp"

using namespace falcogen::host;
using testing_wait::eventually;
using testing_wait::logged;

namespace {

std::unique_ptr<Host> load(const std::string& config) {
    auto h = std::make_unique<Host>(ASYNCX_PLUGIN);
    h->init(config);
    return h;
}

size_t count_named(const std::vector<AsyncEvent>& events, const std::string& name) {
    size_t n = 0;
    for (const auto& e : events) n += e.name == name ? 1 : 0;
    return n;
}

std::string payload(const AsyncEvent& e) {
    const ByteSpan d = e.data();
    return std::string(reinterpret_cast<const char*>(d.data), d.size);
}

}  // namespace

TEST_CASE("the plugin lists its async events and sources; dump_state does not raise the API version") {
    Host h(ASYNCX_PLUGIN);
    CHECK(h.has(CAP_ASYNC));
    CHECK(h.async_event_names() == std::set<std::string>{"asyncx_tick", "asyncx_heartbeat", "asyncx_state"});
    CHECK(h.async_event_sources() == std::set<std::string>{"syscall"});
    CHECK(h.required_api_version() == "3.3.0");  // host_logging; hosts before 3.10 never call dump_state
    CHECK(h.has_dump_state());
}

TEST_CASE("events arrive with their name, payload, plugin id 0 and tid -1") {
    auto h = load(R"({"interval_us": 200})");
    h->start_async();
    REQUIRE(eventually([&] { return count_named(h->async_events(), "asyncx_heartbeat") >= 3; }));
    h->stop_async();
    const auto events = h->async_events();
    CHECK(h->async_errors().empty());
    CHECK(count_named(events, "asyncx_tick") >= 3);
    for (const auto& e : events) {
        CHECK(e.event.type() == 402);
        CHECK(e.event.tid() == UINT64_MAX);
        uint32_t plugin_id = 1;
        std::memcpy(&plugin_id, e.event.bytes().data() + 38, 4);
        CHECK(plugin_id == 0);  // a plugin without a source
    }
    CHECK(payload(events[1]) == "beat 1");
    // The tick layout: tag, member count, then n (u64) and who (string).
    const std::string tick = payload(events[0]);
    REQUIRE(tick.size() > 12);
    CHECK(tick.find("asyncx") != std::string::npos);
    // An unknown name and a wrong layout are refused by the runtime, never sent.
    CHECK(logged(*h, "'asyncx_unknown' not emitted: not in the manifest's async.events"));
    CHECK(logged(*h, "'asyncx_heartbeat' not emitted: its layout is not the one the manifest gives it"));
    CHECK_FALSE(logged(*h, "was emitted"));
}

TEST_CASE("fields extract from the plugin's async events: a layout member, and the name") {
    auto h = load(R"({"interval_us": 200})");
    h->start_async();
    REQUIRE(eventually([&] { return count_named(h->async_events(), "asyncx_tick") >= 2; }));
    h->stop_async();
    const auto events = h->async_events();
    CHECK(h->extract<uint64_t>(events[0].event, "asyncx.tick_n") == uint64_t(1));
    CHECK(h->extract<std::string>(events[0].event, "asyncx.async_name") == std::string("asyncx_tick"));
    CHECK(h->extract<uint64_t>(events[2].event, "asyncx.tick_n") == uint64_t(2));
    // A heartbeat has no layout: no member value, but its name.
    CHECK_FALSE(h->extract<uint64_t>(events[1].event, "asyncx.tick_n").has_value());
    CHECK(h->extract<std::string>(events[1].event, "asyncx.async_name") == std::string("asyncx_heartbeat"));
    // A plugin event is no async event.
    const HostEvent syscall = HostEvent::make_plugin_event(0, "x", 1);
    CHECK_FALSE(h->extract<std::string>(syscall, "asyncx.async_name").has_value());
}

TEST_CASE("stop is prompt and joins: no event after stop_async returns") {
    auto h = load(R"({"interval_us": 10000000})");  // 10 s between ticks
    h->start_async();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto t0 = std::chrono::steady_clock::now();
    h->stop_async();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
    const size_t n = h->async_events().size();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(h->async_events().size() == n);
}

TEST_CASE("the handler is replaced while events flow") {
    auto h = load(R"({"interval_us": 100})");
    for (int i = 0; i < 10; ++i) {
        const size_t before = h->async_events().size();
        h->start_async();  // resets the handler to NULL first, as libsinsp does
        REQUIRE(eventually([&] { return h->async_events().size() > before; }));
    }
    h->stop_async();
    CHECK(h->async_errors().empty());
}

TEST_CASE("emit after stop is refused") {
    auto h = load(R"({"mode": "late", "interval_us": 100})");
    h->start_async();
    REQUIRE(eventually([&] { return !h->async_events().empty(); }));
    h->stop_async();
    CHECK(logged(*h, "late: refused"));
    CHECK(count_named(h->async_events(), "asyncx_heartbeat") == count_named(h->async_events(), "asyncx_tick"));
}

TEST_CASE("a producer that throws is logged and the plugin stays usable") {
    auto h = load(R"({"mode": "throw"})");
    h->start_async();
    REQUIRE(eventually([&] { return logged(*h, "async producer (run_async) failed: producer failed on purpose"); }));
    h->stop_async();
    h->start_async();  // starts again (and throws again)
    h->stop_async();
    const auto state = h->dump_state();
    REQUIRE(state.size() == 1);
    CHECK(payload(state[0]) == "count=0");
}

TEST_CASE("an oversized payload is refused and the producer goes on") {
    auto h = load(R"({"mode": "oversized", "interval_us": 100})");
    h->start_async();
    REQUIRE(eventually([&] { return count_named(h->async_events(), "asyncx_tick") >= 1; }));
    h->stop_async();
    CHECK(logged(*h, "oversized: refused"));
    CHECK(logged(*h, "is over the limit of 67108864"));
    CHECK(payload(h->async_events()[0]) == "after oversized");
}

TEST_CASE("dump_state emits the state through the handler it is given") {
    auto h = load(R"({"interval_us": 100})");
    h->start_async();
    REQUIRE(eventually([&] { return count_named(h->async_events(), "asyncx_tick") >= 2; }));
    h->stop_async();
    const auto state = h->dump_state();
    REQUIRE(state.size() == 1);
    CHECK(state[0].name == "asyncx_state");
    CHECK(payload(state[0]) == "count=" + std::to_string(count_named(h->async_events(), "asyncx_tick")));
}

TEST_CASE("destroying the plugin while the producer runs joins it") {
    auto h = load(R"({"interval_us": 100})");
    h->start_async();
    REQUIRE(eventually([&] { return !h->async_events().empty(); }));
    h.reset();  // the host resets the handler, then plugin_destroy
}

namespace {

// A host handler that refuses every event, as libsinsp does with a full queue
// or a name it does not know.
std::atomic<int> refused{0};
ss_plugin_rc refusing_handler(ss_plugin_owner_t*, const ss_plugin_event* evt, char* err) {
    if (evt->type == 402) refused.fetch_add(1);
    std::snprintf(err, PLUGIN_MAX_ERRLEN, "queue full");
    return SS_PLUGIN_FAILURE;
}

using SetHandler = ss_plugin_rc (*)(ss_plugin_t*, ss_plugin_owner_t*, ss_plugin_async_event_handler_t);

}  // namespace

TEST_CASE("the handler's errors are logged (1st, 2nd, 4th...) and fail dump_state") {
    auto h = load(R"({"interval_us": 50})");
    auto set = reinterpret_cast<SetHandler>(h->symbol("plugin_set_async_event_handler"));
    auto dump = reinterpret_cast<SetHandler>(h->symbol("plugin_dump_state"));
    REQUIRE(h->symbol("plugin_set_async_event_handler") != nullptr);
    REQUIRE(h->symbol("plugin_dump_state") != nullptr);
    refused = 0;
    REQUIRE(set(h->state(), h.get(), &refusing_handler) == SS_PLUGIN_SUCCESS);
    REQUIRE(eventually([] { return refused.load() >= 9; }));
    REQUIRE(set(h->state(), h.get(), nullptr) == SS_PLUGIN_SUCCESS);  // stops and joins
    const int total = refused.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(refused.load() == total);  // nothing after the reset
    CHECK(logged(*h, "the host refused async event 'asyncx_tick' (1 refused so far): queue full"));
    CHECK(logged(*h, "(2 refused so far): queue full"));
    CHECK(logged(*h, "(8 refused so far): queue full"));
    CHECK_FALSE(logged(*h, "(3 refused so far)"));
    CHECK(dump(h->state(), h.get(), &refusing_handler) == SS_PLUGIN_FAILURE);
    CHECK(std::string(h->api().get_last_error(h->state())) ==
          "plugin_dump_state: the host refused 1 state event(s): queue full");
    CHECK(dump(h->state(), h.get(), nullptr) == SS_PLUGIN_FAILURE);
    CHECK(h->dump_state().size() == 1);  // usable afterwards
}
