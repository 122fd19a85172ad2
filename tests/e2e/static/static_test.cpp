// Static plugins (falcogen_add_plugin(... STATIC)): hello, meterx and asyncx
// linked into this one program, each reached only through the plugin_api table
// its falcogen_plugin_api_<name>() returns, never by dlsym, and driven by the
// host as libsinsp's plugin_load_api would load them: identity, init, sourcing,
// extraction, metrics, set_config, async events and dump_state.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstddef>
#include <cstring>
#include <map>
#include <string>

using falcogen::host::Host;
using falcogen::host::HostError;

// The plugins' interfaces: one C function each, declared by the host program.
extern "C" const plugin_api* falcogen_plugin_api_hello(void);
extern "C" const plugin_api* falcogen_plugin_api_meterx(void);
extern "C" const plugin_api* falcogen_plugin_api_asyncx(void);

namespace {

// The pointer in the table's slot at `offset`, whatever member the layout puts there.
const void* slot(const plugin_api* api, size_t offset) {
    const void* p = nullptr;
    std::memcpy(&p, reinterpret_cast<const unsigned char*>(api) + offset, sizeof p);
    return p;
}

std::map<std::string, falcogen::host::Metric> metrics_of(Host& host) {
    std::map<std::string, falcogen::host::Metric> out;
    for (auto& m : host.metrics()) out[m.name] = m;
    return out;
}

}  // namespace

TEST_CASE("each static plugin has its own table, laid out for its required API version") {
    const plugin_api* hello = falcogen_plugin_api_hello();
    const plugin_api* meterx = falcogen_plugin_api_meterx();
    const plugin_api* asyncx = falcogen_plugin_api_asyncx();
    REQUIRE(hello != nullptr);
    REQUIRE(meterx != nullptr);
    REQUIRE(asyncx != nullptr);
    CHECK(falcogen_plugin_api_hello() == hello);  // one table, made once
    CHECK(std::string(hello->get_name()) == "hello");
    CHECK(std::string(meterx->get_name()) == "meterx");
    CHECK(reinterpret_cast<const void*>(hello->init) != reinterpret_cast<const void*>(meterx->init));
    // meterx requires 3.0.0: the layout before dump_state, set_config in its slot.
    CHECK(std::string(meterx->get_required_api_version()) == "3.0.0");
    CHECK(slot(meterx, offsetof(plugin_api, dump_state)) != nullptr);  // set_config, moved down
    CHECK(slot(meterx, offsetof(plugin_api, set_config)) != nullptr);  // get_metrics
    CHECK(slot(meterx, offsetof(plugin_api, get_required_event_schema_version)) == nullptr);  // the spare slot
    // asyncx has dump_state: its table says 3.10.0, the layout with dump_state's slot.
    CHECK(std::string(asyncx->get_required_api_version()) == "3.10.0");
    CHECK(static_cast<bool>(asyncx->dump_state));
    CHECK_FALSE(static_cast<bool>(asyncx->set_config));
}

TEST_CASE("hello from its table: identity, init, sourcing and extraction") {
    Host host(falcogen_plugin_api_hello());
    CHECK(host.path() == "<plugin_api table>");
    CHECK(host.name() == "hello");
    CHECK(host.required_api_version() == "3.0.0");
    CHECK(host.id() == 999);
    CHECK(host.has(falcogen::host::CAP_SOURCING));
    CHECK(host.has(falcogen::host::CAP_EXTRACTION));
    CHECK(host.symbol("plugin_get_name") == nullptr);  // nothing to dlsym
    host.init(R"({"greeting": "hi", "batch_size": 4})");
    auto capture = host.open("10");
    auto events = capture->read_all();
    REQUIRE(events.size() == 10);
    CHECK(host.summary().batches == 3);
    CHECK(host.event_to_string(events[2]) == "hi #3");
    CHECK(host.extract<std::string>(events[2], "hello.text") == std::string("hi"));
    CHECK(host.extract<uint64_t>(events[2], "hello.seq") == uint64_t(3));
    CHECK(host.extract<std::string>(events[2], "hello.shout") == std::string("HI"));
}

TEST_CASE("meterx from its old-layout table: metrics and set_config reach the right functions") {
    Host host(falcogen_plugin_api_meterx());
    CHECK_FALSE(host.has_dump_state());
    host.init(R"({"count": 2})");
    CHECK(host.set_config(R"({"count": 5, "label": "next"})"));
    CHECK(host.open("")->read_all().size() == 5);
    auto m = metrics_of(host);
    CHECK(m["meterx.reloads"].value.u32 == 1);
    CHECK(m["meterx.events_seen"].value.u64 == 5);
    CHECK(m["meterx.load"].value.d == 5.0);
}

TEST_CASE("asyncx from its table: dump_state kept") {
    Host host(falcogen_plugin_api_asyncx());
    CHECK(host.has(falcogen::host::CAP_ASYNC));
    REQUIRE(host.has_dump_state());
    host.init(R"({"interval_us": 10000000})");
    const auto state = host.dump_state();
    REQUIRE_FALSE(state.empty());
    CHECK(state[0].name == "asyncx_state");
}

TEST_CASE("two static plugins at once in one program") {
    Host hello(falcogen_plugin_api_hello());
    Host meterx(falcogen_plugin_api_meterx());
    hello.init("{}");
    meterx.init(R"({"count": 3})");
    auto a = hello.open("4");
    auto b = meterx.open("");
    CHECK(a->read_all().size() == 4);
    CHECK(b->read_all().size() == 3);
    CHECK(metrics_of(meterx)["meterx.events_seen"].value.u64 == 3);
}

TEST_CASE("the host refuses tables as plugin_load_api does") {
    CHECK_THROWS_WITH_AS(Host(static_cast<const plugin_api*>(nullptr)), doctest::Contains("invalid API table"),
                         HostError);
    plugin_api empty{};
    CHECK_THROWS_WITH_AS(Host{&empty}, doctest::Contains("'plugin_get_required_api_version'"), HostError);
    plugin_api bad = *falcogen_plugin_api_hello();
    bad.get_required_api_version = [] { return "three"; };
    CHECK_THROWS_WITH_AS(Host{&bad}, doctest::Contains("invalid required API version: 'three'"), HostError);
    plugin_api nameless = *falcogen_plugin_api_hello();
    nameless.get_name = nullptr;
    CHECK_THROWS_WITH_AS(Host{&nameless}, doctest::Contains("required symbol not implemented: 'plugin_get_name'"),
                         HostError);
}
