// Typed open params (manifest: source.open) end to end: the object form
// (openobj) and the array form (openlist), read and checked by the generated
// code before the author's open() runs, driven through the host.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

using namespace falcogen::host;

namespace {

std::vector<std::string> texts(Host& host, const std::string& params) {
    std::vector<std::string> out;
    for (const HostEvent& e : host.open(params)->read_all()) out.push_back(host.event_to_string(e));
    return out;
}

std::vector<uint64_t> numbers(Host& host, const std::string& params) {
    std::vector<uint64_t> out;
    for (const HostEvent& e : host.open(params)->read_all()) out.push_back(*host.extract<uint64_t>(e, "openlist.n"));
    return out;
}

}  // namespace

TEST_CASE("object form: the params are a JSON object, read with defaults and checked") {
    Host host(OPENOBJ_PLUGIN);
    host.init();
    CHECK(texts(host, R"({"label": "a"})") == std::vector<std::string>{"got text=a port=443 tags="});
    CHECK(texts(host, R"({"label": "b", "count": 2, "tags": ["x", "y"], "tls": {"port": 8443}})") ==
          std::vector<std::string>(2, "got text=b port=8443 tags=x;y;"));
    CHECK(host.list_open_params().at(0).value == R"({"label": "x"})");
}

TEST_CASE("object form: every failure names the key, prefixed open params") {
    Host host(OPENOBJ_PLUGIN);
    host.init();
    auto fails = [&](const std::string& params, const std::string& message) {
        CAPTURE(params);
        const std::string expected = "plugin_open: open params: " + message;
        CHECK_THROWS_WITH_AS(host.open(params), doctest::Contains(expected.c_str()), HostError);
    };
    fails("{}", "/label: missing required property");
    fails(R"({"label": "a", "count": "2"})", "/count: expected an integer, got string");
    fails(R"({"label": "a", "count": 0})", "/count: value 0 is less than minimum 1");
    fails(R"({"label": "a", "tls": {"port": 70000}})", "/tls/port: value 70000 is greater than maximum 65535");
    fails(R"({"label": "a", "colour": 1})", "/colour: unknown property (expected count, label, tags, tls)");
    fails("not json", "expected an object, got string");
    fails("", "none given, and they are required");  // no default for the form
    fails("[1]", "expected an object, got array");
}

TEST_CASE("array form: the params split on the separator, each item read as its type") {
    Host host(OPENLIST_PLUGIN);
    host.init();
    CHECK(numbers(host, "1;2;3") == std::vector<uint64_t>{1, 2, 3});
    CHECK(numbers(host, " 7 ; 8") == std::vector<uint64_t>{7, 8});  // spaces around a number do not count
    CHECK(numbers(host, "5") == std::vector<uint64_t>{5});
    const auto events = host.open("42;7")->read_all();
    CHECK(host.extract<std::string>(events.at(0), "openlist.n_text") == "42");  // a u64 member rendered as text
    CHECK(host.extract<std::string>(events.at(1), "openlist.n_text") == "7");
    CHECK_THROWS_WITH_AS(host.open("1;x;3"), doctest::Contains("open params: /1: expected an integer, got string"),
                         HostError);
    CHECK_THROWS_WITH_AS(host.open("1;-2"), doctest::Contains("open params: /1: value -2 is less than minimum 0"),
                         HostError);
    CHECK_THROWS_WITH_AS(host.open("1,2"), doctest::Contains("open params: /0: expected an integer"), HostError);
}
