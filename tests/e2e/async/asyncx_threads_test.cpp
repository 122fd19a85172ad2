// The threads async events bring (also run under TSan: label tsan): the
// producer emits on its thread while the host's thread extracts a field over
// the plugin's state, replaces the handler and asks for dump_state.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <atomic>
#include <chrono>

#include "eventually.hpp"
#include "syscall_event.hpp"

using namespace falcogen::host;

TEST_CASE("emit from the producer while the host extracts, restarts the handler and dumps the state") {
    Host h(ASYNCX_PLUGIN);
    h.init(R"({"interval_us": 0})");
    std::atomic<uint64_t> seen{0};
    h.start_async([&seen](const AsyncEvent&) { seen.fetch_add(1); });
    const HostEvent evt = testing_events::syscall_event(1, 10, 3, {std::string(8, '\0')});
    uint64_t last = 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    for (int i = 0; i < 3000 || std::chrono::steady_clock::now() < end; ++i) {
        const auto count = h.extract<uint64_t>(evt, "asyncx.count");
        REQUIRE(count.has_value());
        CHECK(*count >= last);  // the producer only counts up
        last = *count;
        if (i % 5000 == 4999) h.start_async([&seen](const AsyncEvent&) { seen.fetch_add(1); });
        if (i % 10000 == 9999) CHECK(h.dump_state().size() == 1);
    }
    // The producer runs on its own schedule (a loaded machine may not have run
    // it yet): wait for its ticks, a hang guard, then the field sees them.
    REQUIRE(testing_wait::eventually([&] { return seen.load() > 0; }));
    CHECK(h.extract<uint64_t>(evt, "asyncx.count").value_or(0) > 0);
    h.stop_async();
    CHECK(h.async_errors().empty());
    CHECK(h.async_events().size() == seen.load());
}
