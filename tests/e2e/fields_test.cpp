// Field extraction end to end: the examples' fields, declared in their
// manifests, extracted through plugin_extract_fields by falcogen's host the
// way libsinsp asks for them.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

using falcogen::host::Bytes;
using falcogen::host::Host;
using falcogen::host::HostEvent;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

HostEvent hello_event(const std::vector<unsigned char>& payload) {
    return HostEvent::make_plugin_event(999, payload.data(), static_cast<uint32_t>(payload.size()), 1, 1, "hello");
}

HostEvent k8s_event(const std::string& json, uint64_t evtnum = 1) {
    // Events of the k8saudit plugin (ID 1, source k8s_audit).
    return HostEvent::make_plugin_event(1, json, 1, evtnum, "k8s_audit");
}

}  // namespace

TEST_CASE("hello: fields bound to members and a computed field") {
    Host host(HELLO_PLUGIN);
    CHECK(host.has(falcogen::host::CAP_EXTRACTION));
    REQUIRE(host.fields().size() == 3);
    CHECK(host.fields()[0].name == "hello.text");
    CHECK(host.fields()[0].display == "Greeting");
    host.init("{}");
    auto events = host.open("3")->read_all();
    REQUIRE(events.size() == 3);
    CHECK(host.extract<std::string>(events[0], "hello.text") == "hello, world");
    CHECK(host.extract<uint64_t>(events[2], "hello.seq") == 3u);
    CHECK(host.extract<std::string>(events[1], "hello.shout") == "HELLO, WORLD");
}

TEST_CASE("hello: older, truncated and foreign events give no value, never garbage") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    // An event written before `seq` existed: text only.
    auto old = hello_event({1, 0, 1, 0, 3, 0, 0, 0, 'h', 'i', 0});
    CHECK(host.extract<std::string>(old, "hello.text") == "hi");
    CHECK_FALSE(host.extract<uint64_t>(old, "hello.seq").has_value());
    // Truncated inside `text`: nothing decodes.
    auto truncated = hello_event({1, 0, 2, 0, 200, 0, 0, 0, 'h'});
    CHECK_FALSE(host.extract<std::string>(truncated, "hello.text").has_value());
    CHECK_FALSE(host.extract<std::string>(truncated, "hello.shout").has_value());
    // Too short for even the layout header.
    auto tiny = hello_event({1});
    CHECK_FALSE(host.extract<std::string>(tiny, "hello.text").has_value());
}

TEST_CASE("hello: one-field calls (the runtime's fast path) agree with many-field calls, from the cache too") {
    Host host(HELLO_PLUGIN);
    host.init("{}");
    auto events = host.open("2")->read_all();
    REQUIRE(events.size() == 2);
    const HostEvent old = hello_event({1, 0, 1, 0, 3, 0, 0, 0, 'h', 'i', 0});  // careful path: fewer members
    const HostEvent truncated = hello_event({1, 0, 2, 0, 200, 0, 0, 0, 'h'});  // careful path: malformed
    const std::vector<std::string> names = {"hello.text", "hello.seq", "hello.shout"};
    for (const HostEvent* event : std::vector<const HostEvent*>{&events[0], &old, &truncated, &events[1]}) {
        // Twice: the second calls find the event decoded already.
        for (int pass = 0; pass < 2; ++pass) {
            const auto many = host.extract_many(*event, names);
            REQUIRE(many.size() == names.size());
            for (size_t i = 0; i < names.size(); ++i) {
                const auto one = host.extract_many(*event, {names[i]});
                CAPTURE(names[i]);
                CHECK(one.at(0).has_value() == many[i].has_value());
                CHECK(one.at(0).value_strings() == many[i].value_strings());
            }
        }
    }
    CHECK(host.extract<std::string>(events[1], "hello.text") == "hello, world");
    CHECK(host.extract<std::string>(old, "hello.text") == "hi");
    CHECK_FALSE(host.extract<uint64_t>(old, "hello.seq").has_value());
    CHECK_FALSE(host.extract<std::string>(truncated, "hello.text").has_value());
}

TEST_CASE("authlog: every field type, lists with an index argument, layouts without the member") {
    Host host(AUTHLOG_PLUGIN);
    CHECK(host.required_api_version() == "3.0.0");  // addOutput is used, and older hosts ignore it
    host.init("{}");
    auto events = host.open(AUTHLOG_DATA "/auth.log")->read_all();
    REQUIRE(events.size() == 6);
    const auto& login = events[0];  // alice, success
    const auto& sudo = events[1];  // alice, /usr/bin/cat /etc/shadow
    const auto& failed = events[2];  // mallory, failure
    const auto& bad_sudo = events[5];

    CHECK(host.extract<std::string>(login, "authlog.user") == "alice");
    CHECK(host.extract<std::string>(failed, "authlog.user") == "mallory");
    CHECK(host.extract<Bytes>(login, "authlog.address") == Bytes{10, 0, 0, 5});
    CHECK(host.extract<uint64_t>(login, "authlog.time") == 1772359200000000000ULL);
    CHECK(host.extract<bool>(login, "authlog.success") == true);
    CHECK(host.extract<bool>(failed, "authlog.success") == false);
    CHECK_FALSE(host.extract<bool>(sudo, "authlog.success").has_value());  // not a login
    CHECK(host.extract<std::string>(sudo, "authlog.command") == "/usr/bin/cat /etc/shadow");
    CHECK_FALSE(host.extract<std::string>(login, "authlog.command").has_value());

    using Words = std::vector<std::string>;
    CHECK(host.extract<Words>(sudo, "authlog.args") == Words{"/usr/bin/cat", "/etc/shadow"});
    CHECK(host.extract<Words>(sudo, "authlog.args[0]") == Words{"/usr/bin/cat"});
    CHECK(host.extract<Words>(sudo, "authlog.args[1]") == Words{"/etc/shadow"});
    CHECK_FALSE(host.extract<Words>(sudo, "authlog.args[7]").has_value());
    CHECK_FALSE(host.extract<Words>(login, "authlog.args").has_value());

    CHECK(host.extract<bool>(login, "authlog.suspicious") == false);
    CHECK(host.extract<bool>(failed, "authlog.suspicious") == true);
    CHECK(host.extract<bool>(sudo, "authlog.suspicious") == false);
    CHECK(host.extract<bool>(bad_sudo, "authlog.suspicious") == true);
}

TEST_CASE("authlog: many fields in one extract call") {
    Host host(AUTHLOG_PLUGIN);
    host.init("{}");
    auto events = host.open(AUTHLOG_DATA "/auth.log")->read_all();
    auto results = host.extract_many(events[1], {"authlog.user", "authlog.args", "authlog.time", "authlog.success",
                                                 "authlog.command", "authlog.args[1]", "authlog.address"});
    REQUIRE(results.size() == 7);
    CHECK(results[0].to_string() == "alice");
    CHECK(results[1].value_strings() == std::vector<std::string>{"/usr/bin/cat", "/etc/shadow"});
    CHECK(results[2].value_strings() == std::vector<std::string>{"1772359205000000000"});
    CHECK_FALSE(results[3].has_value());
    CHECK(results[4].to_string() == "/usr/bin/cat /etc/shadow");
    CHECK(results[5].value_strings() == std::vector<std::string>{"/etc/shadow"});
    CHECK(results[6].to_string() == "10.0.0.5");
}

TEST_CASE("authlog: plugin_get_fields reports exactly what the manifest declares") {
    Host host(AUTHLOG_PLUGIN);
    auto fields = nlohmann::json::parse(reinterpret_cast<const char* (*)()>(host.symbol("plugin_get_fields"))());
    REQUIRE(fields.size() == 7);
    const auto user = nlohmann::json::parse(
        R"j({"name":"authlog.user","type":"string","desc":"Account name (logins and sudo)","addOutput":true})j");
    const auto arg = nlohmann::json::parse(R"({"isRequired":false,"isIndex":true,"isKey":false})");
    CHECK(fields[0] == user);
    CHECK(fields[5]["isList"] == true);
    CHECK(fields[5]["arg"] == arg);
    for (const auto& f : fields) CHECK_FALSE(f["desc"].get<std::string>().empty());
}

TEST_CASE("k8sextra: an extract-only plugin reading another plugin's JSON events") {
    Host host(K8SEXTRA_PLUGIN);
    CHECK_FALSE(host.has(falcogen::host::CAP_SOURCING));
    CHECK(host.has(falcogen::host::CAP_EXTRACTION));
    CHECK(host.extract_event_sources() == std::set<std::string>{"k8s_audit"});
    host.init("");
    auto exec = k8s_event(read_file(K8SEXTRA_DATA "/exec.json"));
    CHECK(host.extract<std::string>(exec, "k8sx.user") == "alice@example.com");
    CHECK(host.extract<std::vector<std::string>>(exec, "k8sx.groups") ==
          std::vector<std::string>{"dev", "system:authenticated"});
    CHECK(host.extract<std::string>(exec, "k8sx.verb") == "create");
    CHECK(host.extract<std::string>(exec, "k8sx.resource") == "pods");
    CHECK(host.extract<Bytes>(exec, "k8sx.source_ip") == Bytes{10, 1, 2, 3});
    CHECK(host.extract<uint64_t>(exec, "k8sx.response_code") == 101u);
    CHECK(host.extract<std::string>(exec, "k8sx.annotation[authorization.k8s.io/decision]") == "allow");
    CHECK_FALSE(host.extract<std::string>(exec, "k8sx.annotation[missing]").has_value());
}

TEST_CASE("k8sextra: pointer misses, type mismatches and invalid JSON give no value") {
    Host host(K8SEXTRA_PLUGIN);
    host.init("");
    const std::string sparse_json =
        R"({"verb": 7, "user": {"groups": "not-a-list"}, "sourceIPs": ["nope"], "responseStatus": {"code": -1}})";
    auto sparse = k8s_event(sparse_json, 2);
    CHECK_FALSE(host.extract<std::string>(sparse, "k8sx.user").has_value());  // missing
    CHECK_FALSE(host.extract<std::string>(sparse, "k8sx.verb").has_value());  // a number, not a string
    CHECK_FALSE(host.extract<Bytes>(sparse, "k8sx.source_ip").has_value());  // not an address
    CHECK_FALSE(host.extract<uint64_t>(sparse, "k8sx.response_code").has_value());  // negative
    // A single value where a list is expected counts as a list of one.
    CHECK(host.extract<std::vector<std::string>>(sparse, "k8sx.groups") == std::vector<std::string>{"not-a-list"});
    auto broken = k8s_event("{\"verb\": \"get\"", 3);
    CHECK_FALSE(host.extract<std::string>(broken, "k8sx.verb").has_value());
    auto binary = k8s_event(std::string("\x01\x00\xff", 3), 4);
    CHECK_FALSE(host.extract<std::string>(binary, "k8sx.verb").has_value());
}
