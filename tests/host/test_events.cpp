// Sourcing: next_batch rules, event checks and fix-ups, open/close.
#include "test_util.hpp"

#include <cstring>

using namespace falcogen::host;

namespace {

std::string run_error(const std::string& name, size_t* delivered = nullptr) {
    Host h(plugin_path(name), test_options());
    h.init("");
    auto inst = h.open("");
    size_t n = 0;
    std::string err = error_of([&] {
        while (true) {
            auto v = inst->next(16);
            n += v.size();
            if (v.empty()) break;
        }
    });
    if (delivered) *delivered = n;
    return err;
}

}  // namespace

TEST_SUITE("events") {
    TEST_CASE("the good plugin is read to EOF with fix-ups applied") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        auto inst = h.open("");
        const uint64_t before = now_ns();
        auto evts = inst->read_all();
        const uint64_t after = now_ns();
        REQUIRE(evts.size() == 3);
        CHECK(inst->eof());
        CHECK(inst->next(5).empty());  // stays at EOF

        CHECK(evts[0].evtnum() == 1);
        CHECK(evts[1].evtnum() == 2);
        CHECK(evts[2].evtnum() == 3);
        for (const auto& e : evts) {
            CHECK(e.type() == 322);
            CHECK(e.nparams() == 2);
            CHECK(e.plugin_id() == 999);  // event 1 had plugin_id 0: fixed up
            CHECK(e.tid() == UINT64_MAX);  // the plugin set 12345: forced to -1
            CHECK(e.source() == "test");
            CHECK(e.len() == e.bytes().size());
        }
        CHECK(evts[0].ts() == 1700000000000000001ull);
        CHECK(evts[1].ts() >= before);  // UINT64_MAX -> now
        CHECK(evts[1].ts() <= after);
        CHECK(evts[2].ts() == 1700000000000000003ull);
        CHECK(evts[0].payload_str() == "alice");
        CHECK(evts[1].payload_str() == "bob");
        CHECK(evts[2].payload().size == 5);

        CHECK(h.event_to_string(evts[0]) == "user=alice");
        CHECK(format_iso8601_ns(evts[0].ts()) == "2023-11-14T22:13:20.000000001Z");

        Summary s = h.summary();
        CHECK(s.events == 3);
        CHECK(s.batches == 2);
        CHECK(s.calls == 3);  // SUCCESS(2), TIMEOUT(0), EOF(1)
        CHECK(s.timeouts == 1);
        CHECK(s.errors == 0);
        CHECK(s.str().find("3 events, ") == 0);
        CHECK(s.str().find(" events/s, 2 batches, 0 errors") != std::string::npos);
    }

    TEST_CASE("events are host-owned copies that outlive the next batch") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        auto inst = h.open("");
        auto first = inst->next(1);
        REQUIRE(first.size() == 1);
        auto rest = inst->read_all();  // the plugin reuses its buffers meanwhile
        CHECK(rest.size() == 2);
        CHECK(first[0].payload_str() == "alice");
    }

    TEST_CASE("next(max) splits batches and returns early on TIMEOUT once it has events") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        auto inst = h.open("");
        auto a = inst->next(1);
        auto b = inst->next(100);
        auto c = inst->next(100);
        auto d = inst->next(100);
        CHECK(a.size() == 1);
        CHECK(b.size() == 1);  // the rest of batch 1; next_batch is not called again
        CHECK(c.size() == 1);  // TIMEOUT retried, then the EOF batch
        CHECK(d.empty());
        CHECK(c[0].evtnum() == 3);
    }

    TEST_CASE("take_event_number: a number of the Host's sequence for an event it did not read") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        auto inst = h.open("");
        CHECK(h.take_event_number() == 1);
        auto evts = inst->read_all();
        REQUIRE(evts.size() == 3);
        CHECK(evts[0].evtnum() == 2);
        CHECK(evts[2].evtnum() == 4);
        CHECK(h.take_event_number() == 5);
        CHECK(h.summary().events == 3);
    }

    TEST_CASE("progress") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        auto inst = h.open("");
        CHECK(inst->progress().pct == 0);
        inst->read_all();
        Progress p = inst->progress();
        CHECK(p.supported);
        CHECK(p.pct == 10000);
        CHECK(p.text.empty());
    }

    TEST_CASE("open failure: last error surfaces and close is still called") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        CHECK(error_of([&] { h.open("fail"); }) == "could not open plugin rawtest: cannot open 'fail'");
        auto logs = h.logs();
        CHECK(logs.back().message == "close called with NULL instance");
        CHECK(h.summary().errors == 1);
    }

    TEST_CASE("close is called once, by close() or by the destructor") {
        Host h(plugin_path("raw_good"), test_options());
        h.init("");
        {
            auto inst = h.open("a");
            inst->close();
            inst->close();
        }
        { auto inst = h.open("b"); }
        int closes = 0;
        for (const auto& l : h.logs()) closes += l.message == "close called";
        CHECK(closes == 2);
    }

    TEST_CASE("malformed events are rejected") {
        CHECK(run_error("raw_evt_wrong_type") ==
              "malformed plugin event produced by plugin: event type 321 (expected 322) (event #0 of a batch of 2)");
        CHECK(run_error("raw_evt_wrong_id") ==
              "unexpected plugin ID in plugin event: 7 (the plugin's ID is 999) (event #0 of a batch of 2)");
        CHECK(run_error("raw_evt_short_len") ==
              "malformed plugin event produced by plugin: len 41 does not match 26+8+4+N = 43 (event_data length N=5) "
              "(event #0 of a batch of 2)");
        CHECK(run_error("raw_id_zero") ==
              "plugin event with no plugin ID: a plugin with id 0 cannot produce event type 322 (event #0 of a batch "
              "of 2)");
    }

    TEST_CASE("SUCCESS with 0 events is an error") {
        CHECK(run_error("raw_evt_zero_success") ==
              "error in plugin rawtest: unexpected 0 size event returned by plugin (next_batch returned SUCCESS with 0 "
              "events)");
    }

    TEST_CASE("events that come with FAILURE are consumed first, then the error") {
        size_t n = 0;
        CHECK(run_error("raw_evt_failure", &n) ==
              "error in plugin rawtest: next_batch failed: source broke after carol");
        CHECK(n == 3);
    }

    TEST_CASE("TIMEOUT retries are bounded") {
        CHECK(run_error("raw_always_timeout") ==
              "error in plugin rawtest: next_batch returned TIMEOUT 50 times in a row without events");
    }

    TEST_CASE("check_and_copy_event: header rules on hand-made events") {
        auto bytes = [](uint32_t len, uint16_t type, uint32_t nparams, uint32_t l0, uint32_t l1, uint32_t id) {
            std::vector<uint8_t> b(64, 0);
            uint64_t ts = 5, tid = 7;
            std::memcpy(&b[0], &ts, 8);
            std::memcpy(&b[8], &tid, 8);
            std::memcpy(&b[16], &len, 4);
            std::memcpy(&b[20], &type, 2);
            std::memcpy(&b[22], &nparams, 4);
            std::memcpy(&b[26], &l0, 4);
            std::memcpy(&b[30], &l1, 4);
            std::memcpy(&b[34], &id, 4);
            return b;
        };
        auto err = [](const std::vector<uint8_t>& b, uint32_t id) {
            return error_of(
                [&] { check_and_copy_event(reinterpret_cast<const ss_plugin_event*>(b.data()), id, 1, 0); });
        };
        const std::string pre = "malformed plugin event produced by plugin: ";
        CHECK(err(bytes(20, 322, 2, 4, 0, 0), 9) == pre + "len 20 is shorter than the 26-byte event header");
        CHECK(err(bytes(41, 322, 3, 4, 3, 9), 9) == pre + "nparams 3 (expected 2 for event type 322)");
        CHECK(err(bytes(30, 322, 2, 4, 3, 9), 9) ==
              pre + "len 30 is too short for the 2 parameter lengths (need at least 34)");
        CHECK(err(bytes(41, 322, 2, 8, 3, 9), 9) == pre + "plugin_id parameter length 8 (expected 4)");
        CHECK(err(bytes(45, 322, 2, 4, 3, 9), 9) ==
              pre + "len 45 does not match 26+8+4+N = 41 (event_data length N=3)");
        CHECK(err(bytes(41, 322, 2, 4, 0xFFFFFFFF, 9), 9) ==
              pre + "len 41 does not match 26+8+4+N = 4294967333 (event_data length N=4294967295)");
        HostEvent ok =
            check_and_copy_event(reinterpret_cast<const ss_plugin_event*>(bytes(41, 322, 2, 4, 3, 0).data()), 9, 42, 0);
        CHECK(ok.plugin_id() == 9);
        CHECK(ok.evtnum() == 42);
        CHECK(ok.bytes().size() == 41);
        // a plugin with id 0 may produce other event types
        HostEvent other =
            check_and_copy_event(reinterpret_cast<const ss_plugin_event*>(bytes(34, 5, 2, 4, 0, 0).data()), 0, 1, 0);
        CHECK(other.type() == 5);
        CHECK(err(bytes(28, 5, 2, 0, 0, 0), 0) ==
              pre + "len 28 is too short for the lengths of 2 parameters of event type 5");
    }

    TEST_CASE("async events: the host's handler checks and records them") {
        Host h(plugin_path("raw_async"), test_options());
        CHECK(h.capabilities() == (CAP_SOURCING | CAP_EXTRACTION | CAP_ASYNC));
        CHECK(h.async_event_names() == std::set<std::string>{"raw_alert"});
        h.init("");
        std::vector<std::string> seen;
        h.start_async([&](const AsyncEvent& e) { seen.push_back(e.name); });
        CHECK(h.async_running());
        auto evts = h.async_events();
        REQUIRE(evts.size() == 1);
        CHECK(evts[0].name == "raw_alert");
        CHECK(evts[0].data().str() == "boom");
        CHECK(evts[0].event.type() == 402);
        CHECK(evts[0].event.ts() != UINT64_MAX);  // -1 -> now
        CHECK(seen == std::vector<std::string>{"raw_alert"});
        auto errs = h.async_errors();
        REQUIRE(errs.size() == 1);
        CHECK(errs[0] == "error in plugin rawtest: incompatible async event 'other' (not in get_async_events)");
        CHECK(h.summary().errors == 1);
        bool logged = false;
        for (const auto& l : h.logs()) {
            logged |= l.message ==
                      "async other rc=1 err=error in plugin rawtest: incompatible async event 'other' (not in "
                      "get_async_events)";
        }
        CHECK(logged);
        h.stop_async();
        CHECK(h.logs().back().message == "async stopped");
    }

    TEST_CASE("HostEvent::make_plugin_event") {
        HostEvent e = HostEvent::make_plugin_event(999, "hello", 123, 7, "test");
        CHECK(e.len() == 43);
        CHECK(e.type() == 322);
        CHECK(e.plugin_id() == 999);
        CHECK(e.ts() == 123);
        CHECK(e.tid() == UINT64_MAX);
        CHECK(e.payload_str() == "hello");
        CHECK(e.evtnum() == 7);
        CHECK(e.source() == "test");
    }

}  // TEST_SUITE
