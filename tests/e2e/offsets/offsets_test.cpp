// Value offsets (API 3.11): fields bound to members report the byte range of
// their value, counted from the start of the event; computed fields {0, 0}.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

using falcogen::host::Host;

TEST_CASE("member-bound fields report where their value is in the event") {
    Host host(OFFSETS_PLUGIN);
    CHECK(host.required_api_version() == "3.11.0");
    host.init("{}");
    auto events = host.open("")->read_all();
    REQUIRE(events.size() == 1);
    const auto& bytes = events[0].bytes();
    // event_data starts at 38: tag (2), count (2), name: len (4) "abc\0", size: u32.
    auto name = host.extract(events[0], "offsets.name");
    REQUIRE(name.has_value());
    CHECK(name.offset_start == 46u);
    CHECK(name.offset_length == 3u);
    CHECK(std::string(reinterpret_cast<const char*>(&bytes[*name.offset_start]), *name.offset_length) == "abc");
    auto length = host.extract(events[0], "offsets.length");
    CHECK(length.offset_start == 50u);
    CHECK(length.offset_length == 4u);
    CHECK(bytes[50] == 7);
    auto twice = host.extract(events[0], "offsets.twice");
    CHECK(twice.value_strings() == std::vector<std::string>{"14"});
    CHECK(twice.offset_start == 0u);  // computed: {0, 0}
    CHECK(twice.offset_length == 0u);
}
