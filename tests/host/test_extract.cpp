// Field extraction: argument parsing, result types, defensive checks.
#include "test_util.hpp"

using namespace falcogen::host;

namespace {

struct Fixture {
    Host h{plugin_path("raw_good"), test_options()};
    std::vector<HostEvent> evts;
    Fixture() {
        h.init("");
        auto inst = h.open("");
        evts = inst->read_all();
        REQUIRE(evts.size() == 3);
    }
};

}  // namespace

TEST_SUITE("extract") {
    TEST_CASE("every field type of the good plugin") {
        Fixture f;
        auto& h = f.h;
        const HostEvent& alice = f.evts[0];
        const HostEvent& bob = f.evts[1];

        ExtractResult user = h.extract(alice, "raw.user");
        REQUIRE(user.has_value());
        CHECK(user.to_string() == "alice");
        CHECK(std::get<std::string>(user.values[0]) == "alice");
        REQUIRE(user.offset_start.has_value());
        CHECK(*user.offset_start == 38);
        CHECK(*user.offset_length == 5);

        CHECK(h.extract<std::string>(bob, "raw.user") == std::optional<std::string>("bob"));
        CHECK(h.extract<uint64_t>(bob, "raw.n") == std::optional<uint64_t>(2));  // the evtnum the host passed
        CHECK(h.extract<bool>(alice, "raw.ok") == std::optional<bool>(true));
        CHECK(h.extract<bool>(bob, "raw.ok") == std::optional<bool>(false));
        CHECK(h.extract<uint64_t>(alice, "raw.user") == std::nullopt);  // wrong type -> nullopt
        CHECK(h.extract(alice, "raw.ip").to_string() == "10.0.0.5");
        CHECK(h.extract<Bytes>(alice, "raw.ip") == std::optional<Bytes>(Bytes{10, 0, 0, 5}));

        ExtractResult tags = h.extract(alice, "raw.tags");
        CHECK(tags.is_list);
        CHECK(tags.values.size() == 2);
        CHECK(tags.to_string() == "(t-alice,x)");
        CHECK(h.extract<std::vector<std::string>>(alice, "raw.tags") ==
              std::optional<std::vector<std::string>>({"t-alice", "x"}));
        CHECK(h.extract(alice, "raw.tags[0]").to_string() == "(t-alice)");
        CHECK(h.extract<std::string>(alice, "raw.tags[1]") == std::optional<std::string>("x"));
        CHECK_FALSE(h.extract(alice, "raw.tags[7]").has_value());  // "no value"

        CHECK(h.extract<std::string>(bob, "raw.map[color]") == std::optional<std::string>("color=bob"));
        CHECK_FALSE(h.extract(bob, "raw.map[missing]").has_value());
        CHECK(h.extract<std::string>(bob, "raw.map[1]") == std::optional<std::string>("1=bob"));
    }

    TEST_CASE("arguments are parsed as libsinsp does") {
        Fixture f;
        auto& h = f.h;
        const HostEvent& e = f.evts[0];
        // isIndex + isKey: an index first (arg_key still points at the text), else a key
        CHECK(h.extract(e, "raw.argecho[12]").to_string() == "index:12 key:12");
        CHECK(h.extract(e, "raw.argecho[012]").to_string() == "key:012");
        CHECK(h.extract(e, "raw.argecho[a.b]").to_string() == "key:a.b");
        CHECK(h.extract(e, "raw.argecho[]").to_string() == "key:");
        CHECK(h.extract(e, "raw.argecho").to_string() == "none");

        CHECK(error_of([&] { h.extract(e, "raw.user[1]"); }) ==
              "field 'raw.user[1]': raw.user does not allow nor require an argument but one is provided: 1");
        CHECK(error_of([&] { h.extract(e, "raw.map"); }) ==
              "field 'raw.map': raw.map requires an argument but none provided");
        CHECK(error_of([&] { h.extract(e, "raw.tags[abc]"); }) ==
              "field 'raw.tags[abc]': raw.tags has an invalid index argument not composed only by digits: abc");
        CHECK(error_of([&] { h.extract(e, "raw.tags[01]"); }) ==
              "field 'raw.tags[01]': raw.tags has an invalid index argument starting with 0: 01");
        CHECK(error_of([&] { h.extract(e, "raw.tags[99999999999999999999]"); }) ==
              "field 'raw.tags[99999999999999999999]': raw.tags has an invalid index argument not representable on 64 "
              "bit: "
              "99999999999999999999");
        CHECK(error_of([&] { h.extract(e, "raw.tags[1"); }) ==
              "field 'raw.tags[1': raw.tags has unbalanced argument brackets");
        CHECK(error_of([&] { h.extract(e, "raw.tags["); }) ==
              "field 'raw.tags[': raw.tags terminates with incomplete argument brackets");
        CHECK(error_of([&] { h.extract(e, "raw.tags[1]x"); }) ==
              "field 'raw.tags[1]x': unexpected text after the argument: 'x'");
        CHECK(error_of([&] { h.extract(e, "raw.nope"); }) == "plugin rawtest has no field 'raw.nope'");
        CHECK(h.summary().errors == 9);
    }

    TEST_CASE("extract_many: one call with N fields") {
        Fixture f;
        auto rs = f.h.extract_many(f.evts[2], {"raw.user", "raw.n", "raw.tags[1]", "raw.map[k]", "raw.ok"});
        REQUIRE(rs.size() == 5);
        CHECK(rs[0].to_string() == "carol");
        CHECK(rs[1].to_string() == "3");
        CHECK(rs[2].to_string() == "(x)");
        CHECK(rs[3].to_string() == "k=carol");
        CHECK(rs[4].to_string() == "false");
        CHECK(rs[3].field == "raw.map[k]");
    }

    TEST_CASE("extraction-only plugin on hand-made events; source and type filters") {
        Host h(plugin_path("raw_extract_only"));
        h.init("");
        HostEvent e = HostEvent::make_plugin_event(5, "dave", 1, 10, "anything");
        CHECK(h.extract<std::string>(e, "raw.user") == std::optional<std::string>("dave"));
        CHECK(h.extract<uint64_t>(e, "raw.n") == std::optional<uint64_t>(10));
        CHECK(h.event_to_string(e) == "datalen=4 data=dave");  // no event_to_string: libsinsp's fallback
        CHECK(error_of([&] { h.open(""); }) == "plugin rawtest has no event sourcing capability: it cannot be opened");

        // the good plugin extracts only from its own source "test"
        Host g(plugin_path("raw_good"));
        g.init("");
        HostEvent other = HostEvent::make_plugin_event(999, "erin", 1, 1, "k8s_audit");
        CHECK_FALSE(g.extract(other, "raw.user").has_value());
        HostEvent mine = HostEvent::make_plugin_event(999, "erin", 1, 1, "test");
        CHECK(g.extract(mine, "raw.user").to_string() == "erin");
    }

    TEST_CASE("defensive checks on what extract_fields returns") {
        auto first_error = [](const std::string& plugin, const std::string& field) {
            Host h(plugin_path(plugin), test_options());
            h.init("");
            HostEvent e = HostEvent::make_plugin_event(999, "frank", 1, 1, "test");
            return error_of([&] { h.extract(e, field); });
        };
        CHECK(first_error("raw_extract_null_string", "raw.user") ==
              "error in plugin rawtest: extract_fields returned a NULL string for field raw.user (value #0)");
        CHECK(first_error("raw_extract_too_many", "raw.user") ==
              "error in plugin rawtest: extract_fields returned 2 values for field raw.user, which is not a list "
              "(isList false)");
        CHECK(first_error("raw_extract_fail", "raw.user") ==
              "error in plugin rawtest: extract_fields failed for 'raw.user': cannot extract from frank");
    }

    TEST_CASE("value formatting") {
        CHECK(format_ip(Bytes{192, 168, 1, 2}, FieldType::Ipaddr) == "192.168.1.2");
        Bytes v6(16, 0);
        v6[15] = 1;
        CHECK(format_ip(v6, FieldType::Ipaddr) == "::1");
        CHECK(format_ip(Bytes{10, 0, 0, 0, 8}, FieldType::Ipnet) == "10.0.0.0/8");
        CHECK(extract_value_to_string(ExtractValue(uint64_t(42)), FieldType::Reltime) == "42");
        CHECK(extract_value_to_string(ExtractValue(true), FieldType::Bool) == "true");
    }

}  // TEST_SUITE
