// The examples, built from their manifests, loaded and driven by falcogen's
// host exactly as libsinsp would: every load rule checked, every event's
// header checked, then the behaviour each example promises.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <map>
#include <string>
#include <thread>

#include "eventually.hpp"

using falcogen::host::AsyncEvent;
using falcogen::host::Host;
using falcogen::host::HostError;
using falcogen::host::HostEvent;
using testing_wait::eventually;

namespace {

// What libscap requires of every event a source with an ID produces, checked
// here byte by byte (independently of the host's own checks).
void check_plugin_event(const HostEvent& e, uint32_t plugin_id) {
    const auto& b = e.bytes();
    REQUIRE(b.size() >= 38);
    uint32_t len, nparams, len0, len1, id;
    uint16_t type;
    std::memcpy(&len, &b[16], 4);
    std::memcpy(&type, &b[20], 2);
    std::memcpy(&nparams, &b[22], 4);
    std::memcpy(&len0, &b[26], 4);
    std::memcpy(&len1, &b[30], 4);
    std::memcpy(&id, &b[34], 4);
    CHECK(type == 322);
    CHECK(nparams == 2);
    CHECK(len0 == 4);
    CHECK(len == b.size());
    CHECK(len == 38 + len1);
    CHECK(id == plugin_id);
}

std::map<std::string, uint64_t> metric_values(Host& host) {
    std::map<std::string, uint64_t> out;
    for (const auto& m : host.metrics()) {
        CHECK(m.value_type == SS_PLUGIN_METRIC_VALUE_TYPE_U64);
        CHECK(m.type == SS_PLUGIN_METRIC_TYPE_MONOTONIC);
        out[m.name] = m.value.u64;
    }
    return out;
}

}  // namespace

TEST_CASE("hello: identity and load-time contracts") {
    Host host(HELLO_PLUGIN);
    CHECK(host.name() == "hello");
    CHECK(host.version() == "0.1.0");
    CHECK(host.required_api_version() == "3.0.0");  // nothing newer is used
    CHECK(host.id() == 999);
    CHECK(host.event_source() == "hello");
    CHECK(host.has(falcogen::host::CAP_SOURCING));
    CHECK(host.has(falcogen::host::CAP_EXTRACTION));
    CHECK(host.init_schema_type() == SS_PLUGIN_SCHEMA_JSON);
    const auto schema = nlohmann::json::parse(host.init_schema());
    REQUIRE(schema.is_object());
    CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(schema["properties"]["greeting"]["default"] == "hello, world");
    CHECK(schema["properties"]["batch_size"]["maximum"] == 4096);
    CHECK(schema["additionalProperties"] == false);
    host.init("");
    const auto params = host.list_open_params();
    REQUIRE(params.size() == 2);
    CHECK(params[0].value == "10");
    CHECK(params[0].desc == "Emit 10 events, then end the capture");
}

TEST_CASE("hello: reads to EOF with exact events, in batches of the configured size") {
    Host host(HELLO_PLUGIN);
    host.init(R"({"greeting": "hi", "batch_size": 4})");
    auto capture = host.open("10");
    auto events = capture->read_all();
    REQUIRE(events.size() == 10);
    CHECK(capture->eof());
    for (size_t i = 0; i < events.size(); ++i) check_plugin_event(events[i], 999);
    CHECK(host.event_to_string(events[0]) == "hi #1");
    CHECK(host.event_to_string(events[9]) == "hi #10");
    CHECK(host.summary().batches == 3);  // 4 + 4 + 2
    const auto progress = capture->progress();
    CHECK(progress.supported);
    CHECK(progress.pct == 10000);
    CHECK(progress.text == "10/10 greetings");
}

TEST_CASE("hello: a capture of zero events ends at once") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    auto capture = host.open("0");
    CHECK(capture->read_all().empty());
    CHECK(capture->eof());
}

TEST_CASE("hello: invalid config is refused before and by init, with the property named") {
    {
        Host host(HELLO_PLUGIN);
        // The host validates against the init schema first (as libsinsp does).
        CHECK_THROWS_WITH_AS(host.init(R"({"batch_size": 0})"), doctest::Contains("batch_size"), HostError);
    }
    {
        Host host(HELLO_PLUGIN);
        CHECK_THROWS_WITH_AS(host.init(R"({"greeting": 5})"), doctest::Contains("greeting"), HostError);
    }
    {
        Host host(HELLO_PLUGIN);
        CHECK_THROWS_WITH_AS(host.init(R"({"greting": "typo"})"), doctest::Contains("greting"), HostError);
    }
}

TEST_CASE("hello: typed open params: checked before open() runs, with a default when empty") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    CHECK_THROWS_WITH_AS(host.open("ten"),
                         doctest::Contains("plugin_open: open params: expected an integer, got string"), HostError);
    CHECK_THROWS_WITH_AS(host.open("-1"), doctest::Contains("open params: value -1 is less than minimum 0"), HostError);
    CHECK_THROWS_WITH_AS(host.open("2.5"), doctest::Contains("open params: expected an integer"), HostError);
    CHECK(host.open("")->read_all().size() == 10);  // the form's default
    CHECK(host.open(" 3 ")->read_all().size() == 3);
}

TEST_CASE("hello: event_to_string reports a malformed event instead of reading past it") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    // A 322 event of this plugin whose payload is a truncated layout.
    const unsigned char payload[] = {1, 0, 2, 0, 200, 0, 0, 0, 'h'};
    auto evt = HostEvent::make_plugin_event(999, payload, sizeof payload, 1);
    CHECK(host.event_to_string(evt) == "<malformed event: truncated or malformed member 'text' of layout 'greeting'>");
    const unsigned char unknown[] = {9, 0, 0, 0};
    auto evt2 = HostEvent::make_plugin_event(999, unknown, sizeof unknown, 1);
    CHECK(host.event_to_string(evt2).find("<malformed event: unknown layout tag") == 0);
}

TEST_CASE("hello: an event written by an older version (fewer members) decodes, missing members absent") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    // Layout greeting (tag 1) with only its first member, `text`.
    const unsigned char payload[] = {1, 0, 1, 0, 3, 0, 0, 0, 'h', 'i', 0};
    auto evt = HostEvent::make_plugin_event(999, payload, sizeof payload, 1);
    CHECK(host.event_to_string(evt) == "hi");  // no " #seq": has_seq() is false
}

TEST_CASE("authlog: reads a log file to EOF in two layouts, with progress") {
    Host host(AUTHLOG_PLUGIN);
    host.init("{}");
    auto capture = host.open(AUTHLOG_DATA "/auth.log");
    auto events = capture->read_all();
    REQUIRE(events.size() == 6);
    for (const auto& e : events) check_plugin_event(e, 999);
    CHECK(host.event_to_string(events[0]) ==
          "login time=2026-03-01T10:00:00.000000000Z user=alice address=10.0.0.5 success=true");
    CHECK(host.event_to_string(events[1]) ==
          "sudo time=2026-03-01T10:00:05.000000000Z user=alice address=10.0.0.5 command=/usr/bin/cat /etc/shadow");
    CHECK(events[0].ts() == 1772359200000000000ULL);  // the log's own time, not "now"
    const auto progress = capture->progress();
    CHECK(progress.pct == 10000);
}

TEST_CASE("authlog: a missing file, a directory and a malformed line are clear errors") {
    Host host(AUTHLOG_PLUGIN);
    host.init("{}");
    CHECK_THROWS_WITH_AS(host.open("/nonexistent/auth.log"),
                         doctest::Contains("cannot open '/nonexistent/auth.log': No such file or directory"),
                         HostError);
    CHECK_THROWS_WITH_AS(host.open(AUTHLOG_DATA), doctest::Contains("it is a directory"), HostError);
    CHECK_THROWS_WITH_AS(host.open(""), doctest::Contains("open params: none given, and they are required"), HostError);
    auto capture = host.open(AUTHLOG_DATA "/malformed.log");
    CHECK_THROWS_WITH_AS(capture->read_all(), doctest::Contains("malformed.log:2: bad IPv4 address 'not-an-address'"),
                         HostError);
}

TEST_CASE("authlog: skip_malformed skips bad lines with a warning") {
    Host host(AUTHLOG_PLUGIN);
    host.init(R"({"skip_malformed": true})");
    auto events = host.open(AUTHLOG_DATA "/malformed.log")->read_all();
    CHECK(events.size() == 2);
}

TEST_CASE("two plugins built with falcogen live in one process") {
    Host hello(HELLO_PLUGIN);
    Host authlog(AUTHLOG_PLUGIN);
    hello.init("{}");
    authlog.init("{}");
    auto a = hello.open("3")->read_all();
    auto b = authlog.open(AUTHLOG_DATA "/auth.log")->read_all();
    CHECK(a.size() == 3);
    CHECK(b.size() == 6);
    CHECK(hello.event_to_string(a[2]) == "hello, world #3");
}

TEST_CASE("heartbeat: no source, async events into syscall, extraction of its own async events only") {
    Host host(HEARTBEAT_PLUGIN);
    CHECK(host.required_api_version() == "3.0.0");  // metrics: hosts before 3.6 never ask
    CHECK(host.has(falcogen::host::CAP_ASYNC));
    CHECK(host.has(falcogen::host::CAP_EXTRACTION));
    CHECK_FALSE(host.has(falcogen::host::CAP_SOURCING));
    CHECK(host.async_event_names() == std::set<std::string>{"heartbeat"});
    CHECK(host.async_event_sources() == std::set<std::string>{"syscall"});
    CHECK(host.extract_event_sources() == std::set<std::string>{"syscall"});
    host.init("{}");
    CHECK(host.extract_event_types() == std::vector<uint16_t>{402});
    CHECK_THROWS_WITH_AS(Host(HEARTBEAT_PLUGIN).init(R"({"interval_ms": 0})"), doctest::Contains("interval_ms"),
                         HostError);
}

TEST_CASE("heartbeat: one event per interval, its fields, and a metric that counts them") {
    Host host(HEARTBEAT_PLUGIN);
    host.init(R"({"interval_ms": 2, "message": "still here"})");
    CHECK(metric_values(host) == std::map<std::string, uint64_t>{{"heartbeat.beats", 0}, {"heartbeat.refused", 0}});
    host.start_async();
    REQUIRE(eventually([&] { return host.async_events().size() >= 3; }));
    host.stop_async();
    const std::vector<AsyncEvent> events = host.async_events();
    CHECK(host.async_errors().empty());
    const auto metrics = metric_values(host);
    CHECK(metrics.at("heartbeat.beats") == events.size());  // stopped: no event after stop_async
    CHECK(metrics.at("heartbeat.refused") == 0);
    for (size_t i = 0; i < events.size(); ++i) {
        const HostEvent& e = events[i].event;
        CHECK(events[i].name == "heartbeat");
        CHECK(e.type() == 402);
        CHECK(e.tid() == UINT64_MAX);  // no thread
        uint32_t plugin_id = 1;
        std::memcpy(&plugin_id, e.bytes().data() + 38, 4);
        CHECK(plugin_id == 0);  // a plugin without a source
        CHECK(host.extract<uint64_t>(e, "heartbeat.seq") == uint64_t(i + 1));
        CHECK(host.extract<std::string>(e, "heartbeat.message") == std::string("still here"));
        CHECK(host.extract<uint64_t>(e, "heartbeat.emitted") == uint64_t(events.size()));
    }
    // The metric grows while the producer runs again (the sequence restarts with the producer).
    host.start_async();
    REQUIRE(eventually([&] { return host.async_events().size() >= events.size() + 2; }));
    host.stop_async();
    const auto again = host.async_events();
    CHECK(metric_values(host).at("heartbeat.beats") == again.size());
    CHECK(host.extract<uint64_t>(again[events.size()].event, "heartbeat.seq") == uint64_t(1));
    // Other events of the syscall source are not the plugin's: not extracted (event type 322 is filtered out).
    const HostEvent other = HostEvent::make_plugin_event(0, "x", 1);
    CHECK_FALSE(host.extract<uint64_t>(other, "heartbeat.seq").has_value());
    CHECK_FALSE(host.extract<uint64_t>(other, "heartbeat.emitted").has_value());
}
