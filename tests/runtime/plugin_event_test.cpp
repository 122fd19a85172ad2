#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "falcogen/detail/plugin_event.hpp"

#include "plugin_event_bytes.hpp"

using namespace falcogen;
using namespace falcogen::detail;

namespace {

std::vector<uint8_t> make_event(uint32_t plugin_id, const std::string& payload) {
    return falcogen_tests::plugin_event_bytes(plugin_id, payload.data(), payload.size(), 123);
}

template <typename T>
void patch(std::vector<uint8_t>& e, size_t offset, T v) {
    std::memcpy(&e[offset], &v, sizeof v);
}

std::string check(const std::vector<uint8_t>& e) {
    PluginEventView view;
    const char* err = parse_plugin_event(reinterpret_cast<const ss_plugin_event*>(e.data()), view);
    return err ? err : "ok";
}

}  // namespace

TEST_CASE("a well-formed plugin event is parsed") {
    auto e = make_event(999, "payload");
    PluginEventView view;
    REQUIRE(parse_plugin_event(reinterpret_cast<const ss_plugin_event*>(e.data()), view) == nullptr);
    CHECK(view.ts == 123);
    CHECK(view.plugin_id == 999);
    CHECK(view.payload_size == 7);
    CHECK(std::string(reinterpret_cast<const char*>(view.payload), view.payload_size) == "payload");
}

TEST_CASE("every header check reports what failed") {
    auto e = make_event(1, "abc");
    SUBCASE("wrong type") {
        patch<uint16_t>(e, 20, 1);
        CHECK(check(e) == "not a plugin event (type is not 322)");
    }
    SUBCASE("wrong nparams") {
        patch<uint32_t>(e, 22, 3);
        CHECK(check(e) == "malformed plugin event (nparams is not 2)");
    }
    SUBCASE("len shorter than the fixed part") {
        patch<uint32_t>(e, 16, 30);
        CHECK(check(e) == "truncated plugin event (len is less than 38)");
    }
    SUBCASE("plugin_id parameter length") {
        patch<uint32_t>(e, 26, 8);
        CHECK(check(e) == "malformed plugin event (plugin_id parameter is not 4 bytes)");
    }
    SUBCASE("event_data longer than the event") {
        patch<uint32_t>(e, 30, 100);
        CHECK(check(e) == "malformed plugin event (event_data length does not match len)");
    }
    SUBCASE("event_data shorter than the event") {
        patch<uint32_t>(e, 30, 1);
        CHECK(check(e) == "malformed plugin event (event_data length does not match len)");
    }
    SUBCASE("NULL") {
        PluginEventView view;
        CHECK(std::string(parse_plugin_event(nullptr, view)) == "no event (NULL)");
    }
}
