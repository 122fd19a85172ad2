// ScapEvent over every event type of the driver's table (the snapshot in
// generator/falcogen/data/event_table.json): each type's parameters are
// found with the length width the table gives it (u32 for the large-payload
// types, u16 for the others), and the other width is refused or misread.
#include <doctest/doctest.h>

#include <falcogen/scap_event.hpp>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scap_bytes.hpp"

namespace {

std::vector<uint8_t> make_event(uint16_t type, const std::vector<std::string>& params, uint32_t width) {
    return testing_events::scap_bytes(type, params, width);
}

nlohmann::json snapshot() {
    std::ifstream in(FALCOGEN_EVENT_TABLE);
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("every event type: parameters read with the length width of the driver's table") {
    const nlohmann::json table = snapshot();
    size_t large = 0, checked = 0;
    for (const auto& e : table.at("events")) {
        const auto type = e.at("code").get<uint16_t>();
        const bool is_large = e.at("large_payload").get<bool>();
        large += is_large;
        CHECK_MESSAGE(falcogen::detail::param_length_size(type) == (is_large ? 4u : 2u), "type ", type);
        const std::vector<std::string> params = {"abc", std::string(300, 'x'), "", "z"};
        const auto bytes = make_event(type, params, is_large ? 4 : 2);
        falcogen::ScapEvent evt;
        REQUIRE(evt.parse(reinterpret_cast<const ss_plugin_event*>(bytes.data())));
        for (uint32_t i = 0; i < params.size(); ++i) {
            falcogen::ByteView v;
            REQUIRE(evt.param(i, v));
            CHECK(std::string(reinterpret_cast<const char*>(v.data), v.size) == params[i]);
        }
        // The other width: the lengths read differently, and never past the event.
        const auto other = make_event(type, params, is_large ? 2 : 4);
        falcogen::ScapEvent wrong;
        if (wrong.parse(reinterpret_cast<const ss_plugin_event*>(other.data()))) {
            falcogen::ByteView v;
            REQUIRE(wrong.param(1, v));
            CHECK(std::string(reinterpret_cast<const char*>(v.data), v.size) != params[1]);
        }
        ++checked;
    }
    CHECK(checked == table.at("event_count").get<size_t>());
    CHECK(large == std::size(falcogen::detail::kLargePayloadTypes));
}
