#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "falcogen/detail/batch_access.hpp"
#include "falcogen/detail/plugin_event.hpp"
#include "falcogen/error.hpp"
#include "falcogen/event_batch.hpp"

using namespace falcogen;
using namespace falcogen::detail;

namespace {
// A minimal "layout": what EventBatch::add needs from generated structs.
struct Text {
    std::string_view value;
    size_t encoded_size() const { return value.size(); }
    uint8_t* encode(uint8_t* out) const {
        std::memcpy(out, value.data(), value.size());
        return out + value.size();
    }
};

std::string payload_of(const ss_plugin_event* e) {
    PluginEventView view;
    REQUIRE(parse_plugin_event(e, view) == nullptr);
    return std::string(reinterpret_cast<const char*>(view.payload), view.payload_size);
}
}  // namespace

TEST_CASE("events in a batch have exact, host-valid headers") {
    EventBatch batch(42);
    batch.add(Text{"hello"}, 1000);
    batch.add_raw("{\"a\":1}");
    REQUIRE(batch.size() == 2);
    ss_plugin_event** evts = BatchAccess::events(batch);
    // Copies: the header is packed, and binding a reference to a packed
    // member (as CHECK would) is undefined behaviour.
    const uint16_t type = evts[0]->type;
    const uint32_t nparams = evts[0]->nparams, len = evts[0]->len;
    const uint64_t ts0 = evts[0]->ts, tid = evts[0]->tid, ts1 = evts[1]->ts;
    CHECK(type == 322);
    CHECK(nparams == 2);
    CHECK(len == 38 + 5);
    CHECK(ts0 == 1000);
    CHECK(tid == UINT64_MAX);
    CHECK(ts1 == kTimestampNow);
    CHECK(payload_of(evts[0]) == "hello");
    CHECK(payload_of(evts[1]) == "{\"a\":1}");
    PluginEventView view;
    REQUIRE(parse_plugin_event(evts[1], view) == nullptr);
    CHECK(view.plugin_id == 42);
    // Each event starts 8-aligned in the buffer.
    CHECK(reinterpret_cast<uintptr_t>(evts[1]) % 8 == reinterpret_cast<uintptr_t>(evts[0]) % 8);
}

TEST_CASE("the batch reuses its memory: no growth in steady state") {
    EventBatch batch(1);
    const std::string big(1000, 'x');
    for (int i = 0; i < 100; ++i) batch.add(Text{big});
    BatchAccess::events(batch);
    const ss_plugin_event* first_before = BatchAccess::events(batch)[0];
    for (int round = 0; round < 10; ++round) {
        BatchAccess::clear(batch);
        CHECK(batch.empty());
        for (int i = 0; i < 100; ++i) batch.add(Text{big});
        ss_plugin_event** evts = BatchAccess::events(batch);
        CHECK(evts[0] == first_before);  // same buffer, not reallocated
        CHECK(batch.size() == 100);
    }
}

TEST_CASE("a batch larger than its initial buffer grows and keeps every event intact") {
    EventBatch batch(7);
    std::string payload;
    for (int i = 0; i < 5000; ++i) {
        payload.assign(static_cast<size_t>(i % 300), static_cast<char>('a' + i % 26));
        batch.add(Text{payload});
    }
    ss_plugin_event** evts = BatchAccess::events(batch);
    REQUIRE(batch.size() == 5000);
    for (int i = 0; i < 5000; ++i) {
        const std::string expected(static_cast<size_t>(i % 300), static_cast<char>('a' + i % 26));
        REQUIRE(payload_of(evts[i]) == expected);
    }
}

TEST_CASE("an event larger than the API allows is refused, not truncated") {
    EventBatch batch(1);
    struct Huge {
        size_t encoded_size() const { return size_t(UINT32_MAX); }
        uint8_t* encode(uint8_t* out) const { return out; }
    };
    CHECK_THROWS_WITH_AS(batch.add(Huge{}), doctest::Contains("event too large"), Error);
    CHECK(batch.empty());
}

TEST_CASE("many tiny events: the pointer array keeps up with the buffer") {
    // Empty payloads take the fewest bytes an event can (40 with alignment):
    // far more events than the pointer array first holds, several growths of
    // the buffer, every pointer valid after them.
    EventBatch batch(3);
    for (int round = 0; round < 3; ++round) {
        BatchAccess::clear(batch);
        for (int i = 0; i < 20000; ++i) batch.add(Text{i % 7 == 0 ? "x" : ""});
        REQUIRE(batch.size() == 20000);
        ss_plugin_event** evts = BatchAccess::events(batch);
        for (int i = 0; i < 20000; ++i) REQUIRE(payload_of(evts[i]) == (i % 7 == 0 ? "x" : ""));
        CHECK(batch.bytes() >= 20000u * 40u);
    }
}

TEST_CASE("a batch grows for an event larger than its whole buffer") {
    EventBatch batch(5);
    batch.add(Text{"first"});
    const std::string big(200 * 1024, 'b');  // past the first 64 KiB buffer at once
    batch.add(Text{big});
    batch.add(Text{"last"});
    ss_plugin_event** evts = BatchAccess::events(batch);
    REQUIRE(batch.size() == 3);
    CHECK(payload_of(evts[0]) == "first");
    CHECK(payload_of(evts[1]) == big);
    CHECK(payload_of(evts[2]) == "last");
    BatchAccess::clear(batch);
    CHECK(batch.bytes() == 0);
    batch.add(Text{big});  // fits now: no growth, the same buffer
    CHECK(BatchAccess::events(batch)[0] == evts[0]);
}
