// Load rules: each broken raw plugin is rejected with the precise message.
#include "test_util.hpp"

using namespace falcogen::host;

TEST_SUITE("load") {
    TEST_CASE("the good raw plugin loads with its identity, capabilities and fields") {
        Host h(plugin_path("raw_good"));
        CHECK(h.name() == "rawtest");
        CHECK(h.version() == "0.3.1-rc.1+build.7");
        CHECK(h.description() == "a raw test plugin");
        CHECK(h.contact() == "falcogen tests");
        CHECK(h.required_api_version() == "3.0.0");
        CHECK(h.id() == 999);
        CHECK(h.event_source() == "test");
        CHECK(h.capabilities() == (CAP_SOURCING | CAP_EXTRACTION));
        CHECK(capabilities_to_string(h.capabilities()) == "sourcing, extraction");
        REQUIRE(h.fields().size() == 7);
        const FieldInfo& user = h.fields()[0];
        CHECK(user.name == "raw.user");
        CHECK(user.type == FieldType::String);
        CHECK(user.add_output);
        CHECK(h.fields()[1].display == "Number");
        CHECK(h.fields()[1].type == FieldType::Uint64);
        CHECK(h.fields()[2].is_list);
        CHECK(h.fields()[2].arg_index);
        CHECK_FALSE(h.fields()[2].arg_required);
        CHECK(h.fields()[3].arg_key);
        CHECK(h.fields()[3].arg_required);
        CHECK(h.fields()[5].type == FieldType::Ipaddr);
        CHECK(h.fields()[6].hidden());
        CHECK(h.fields()[6].id == 6);
        CHECK(h.find_field("raw.ok") == &h.fields()[4]);
        CHECK(h.find_field("raw.nope") == nullptr);
        CHECK(h.extract_event_sources() == std::set<std::string>{"test"});
        CHECK(h.init_schema_type() == SS_PLUGIN_SCHEMA_JSON);
        CHECK(h.init_schema().find("\"maximum\":1000") != std::string::npos);
    }

    TEST_CASE("dlopen failure") {
        CHECK(load_error("does_not_exist").rfind("can't load plugin dynamic library: ", 0) == 0);
    }

    TEST_CASE("missing required symbol") {
        CHECK(load_error("raw_no_last_error") == "required symbol not implemented: 'plugin_get_last_error'");
    }

    TEST_CASE("required API version") {
        CHECK(load_error("raw_api_4") ==
              "plugin required API version '4.0.0' is not compatible with the host's 3.12.0 (major must match)");
        CHECK(load_error("raw_api_minor") ==
              "plugin required API version '3.13.0' is not compatible with the host's "
              "3.12.0 (the host's minor 12 is less than the required 13)");
        CHECK(load_error("raw_api_patch") ==
              "plugin required API version '3.12.1' is not compatible with the host's "
              "3.12.0 (the host's patch 0 is less than the required 1)");
        CHECK(load_error("raw_api_garbage") == "invalid required API version 'abc' (expected X.Y.Z)");
    }

    TEST_CASE("plugin version must be semver") {
        CHECK(load_error("raw_bad_semver") ==
              "plugin provided an invalid version string '1.0' (expected semver X.Y.Z)");
        CHECK(is_semver("1.2.3"));
        CHECK(is_semver("0.3.1-rc.1+build.7"));
        CHECK_FALSE(is_semver("1.0"));
        CHECK_FALSE(is_semver("01.2.3"));
        CHECK_FALSE(is_semver("1.2.3-"));
        CHECK_FALSE(is_semver("v1.2.3"));
    }

    TEST_CASE("name rule and NULL strings") {
        CHECK(load_error("raw_bad_name") == "invalid plugin name 'Raw Test' (must match ^[a-z]+[a-z0-9-_]*$)");
        CHECK(load_error("raw_null_name") == "plugin_get_name returned NULL (a string is required)");
    }

    TEST_CASE("source and id rules") {
        CHECK(load_error("raw_syscall_source") == "plugin can't implement the reserved event source 'syscall'");
        CHECK(load_error("raw_id_no_source") ==
              "broken plugin capabilities: id and event source must be both set or both unset (id 999, source '')");
        CHECK(load_error("raw_source_no_id") ==
              "broken plugin capabilities: id and event source must be both set or both unset (id 0, source 'test')");
        Host h(plugin_path("raw_id_zero"));  // both unset: a "syscall" producer
        CHECK(h.id() == 0);
        CHECK(h.event_source().empty());
        CHECK(h.events_source_name() == "syscall");
    }

    TEST_CASE("capability detection") {
        CHECK(
            load_error("raw_partial_sourcing") ==
            "broken plugin capabilities: plugin_open, plugin_close and plugin_next_batch must be implemented together "
            "(missing: 'plugin_next_batch')");
        CHECK(load_error("raw_extract_no_get_fields") ==
              "broken plugin capabilities: 'plugin_extract_fields' is implemented without 'plugin_get_fields'");
        CHECK(load_error("raw_no_caps") ==
              "plugin has no capabilities (it implements none of sourcing, extraction, "
              "parsing, async, capture listening)");
        Host h(plugin_path("raw_extract_only"));
        CHECK(h.capabilities() == CAP_EXTRACTION);
        CHECK(h.extract_event_sources().empty());
    }

    TEST_CASE("fields JSON rules") {
        CHECK(
            load_error("raw_fields_invalid_json")
                .rfind("error in plugin rawtest: get_fields returned an invalid JSON: [json.exception.parse_error.101]",
                       0) == 0);
        CHECK(load_error("raw_fields_empty") == "error in plugin rawtest: get_fields must export at least one field");
        CHECK(load_error("raw_fields_no_desc") == "error in plugin rawtest: field JSON entry 'raw.n' has no desc");
        CHECK(load_error("raw_fields_bad_type") ==
              "error in plugin rawtest: invalid field type 'int32' for field raw.user (expected one of string, uint64, "
              "bool, reltime, abstime, ipaddr, ipnet)");
        CHECK(load_error("raw_fields_required_no_index") ==
              "error in plugin rawtest: field raw.map arg has isRequired true, but none of isKey nor isIndex is true");
        CHECK(load_error("raw_fields_nonbool_list") ==
              "error in plugin rawtest: field raw.tags isList property is not boolean: \"yes\"");
    }

    TEST_CASE("parse_fields_json: every rule") {
        auto err = [](const char* js) { return error_of([&] { parse_fields_json("p", js); }); };
        const std::string pre = "error in plugin p: ";
        CHECK(err(nullptr) == pre + "get_fields returned a null string");
        CHECK(err("{}") == pre + "get_fields did not return a JSON array");
        CHECK(err("[1]") == pre + "field JSON entry #0 is not an object");
        CHECK(err(R"([{"type":"string","desc":"d"}])") == pre + "field JSON entry #0 has no name");
        CHECK(err(R"([{"name":"","type":"string","desc":"d"}])") == pre + "field JSON entry #0 has no name");
        CHECK(err(R"([{"name":"a.b","desc":"d"}])") == pre + "field JSON entry 'a.b' has no type");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":""}])") == pre + "field JSON entry 'a.b' has no desc");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","display":3}])") ==
              pre + "field a.b display property is not a string");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","addOutput":1}])") ==
              pre + "field a.b addOutput property is not boolean: 1");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","arg":true}])") ==
              pre + "field a.b arg property is not an object");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","arg":{"isKey":"y"}}])") ==
              pre + "field a.b isKey property is not boolean: \"y\"");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","properties":"hidden"}])") ==
              pre + "field a.b properties property is not array");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d","properties":[1]}])") ==
              pre + "field a.b properties value is not string: 1");
        CHECK(err(R"([{"name":"a.b","type":"string","desc":"d"},{"name":"a.b","type":"uint64","desc":"e"}])") ==
              pre + "duplicate field name 'a.b' (entries #0 and #1)");
        // isRequired with isIndex or isKey is fine; all 7 types are accepted
        auto ok = parse_fields_json(
            "p", R"([{"name":"a.s","type":"string","desc":"d","arg":{"isRequired":true,"isIndex":true}},
                 {"name":"a.u","type":"uint64","desc":"d"},{"name":"a.b","type":"bool","desc":"d"},
                 {"name":"a.r","type":"reltime","desc":"d"},{"name":"a.t","type":"abstime","desc":"d"},
                 {"name":"a.i","type":"ipaddr","desc":"d"},{"name":"a.n","type":"ipnet","desc":"d","properties":["x"]}])");
        CHECK(ok.size() == 7);
        CHECK(ok[6].type == FieldType::Ipnet);
        CHECK(ok[0].arg_required);
    }

    TEST_CASE("parse_open_params_json rules") {
        auto err = [](const std::string& js) { return error_of([&] { parse_open_params_json("p", js); }); };
        CHECK(parse_open_params_json("p", "").empty());
        CHECK(err("{}") == "error in plugin p: list_open_params returned a non-array JSON");
        CHECK(err(R"([{"desc":"x"}])") == "error in plugin p: list_open_params has entry with no value (entry #0)");
        CHECK(err(R"([{"value":""}])") == "error in plugin p: list_open_params has entry with no value (entry #0)");
        CHECK(err(R"([{"value":"a","separator":1}])") ==
              "error in plugin p: list_open_params entry #0 has a non-string separator");
        auto ps = parse_open_params_json("p", R"([{"value":"a","desc":"d","separator":";"}])");
        REQUIRE(ps.size() == 1);
        CHECK(ps[0].value == "a");
        CHECK(ps[0].desc == "d");
        CHECK(ps[0].separator == ";");
    }

    TEST_CASE("init: schema, config validation, init input, failures") {
        SUBCASE("empty config becomes {} and the plugin sees it; logs are recorded") {
            Host h(plugin_path("raw_good"));
            h.init("");
            CHECK(h.init_config() == "{}");
            auto logs = h.logs();
            REQUIRE(!logs.empty());
            CHECK(logs[0].component == "rawtest");
            CHECK(logs[0].message == "init called with config {}");
            CHECK(logs[0].severity == SS_PLUGIN_LOG_SEV_INFO);
            CHECK(error_of([&] { h.init(""); }) == "plugin has been initialized twice: rawtest");
        }
        SUBCASE("config violating the schema is rejected before plugin_init") {
            Host h(plugin_path("raw_good"));
            CHECK(error_of([&] { h.init(R"({"max": 5000})"); }) ==
                  "error in plugin rawtest init config: In /max, value 5000 is greater than maximum 1000");
            CHECK(h.logs().empty());  // plugin_init never ran
            CHECK(error_of([&] { h.init(R"({"max": 5, "extra": 1})"); }) ==
                  "error in plugin rawtest init config: In <root>, additional property 'extra' is not allowed");
            CHECK(error_of([&] {
                      h.init("{not json");
                  }).rfind("error in plugin rawtest: init config is not a valid json: ", 0) == 0);
            h.init(R"({"max": 5})");
            CHECK(h.initialized());
        }
        SUBCASE("schema that is not an object") {
            Host h(plugin_path("raw_bad_schema"));
            CHECK(error_of([&] { h.init(""); }) ==
                  "error in plugin rawtest: get_init_schema did not return a json object");
        }
        SUBCASE("init failure with a state: last error surfaces, destroy is called") {
            Host h(plugin_path("raw_init_fail_state"));
            CHECK(error_of([&] { h.init(""); }) == "could not initialize plugin: bad credentials in config");
            auto logs = h.logs();
            REQUIRE(logs.size() == 2);
            CHECK(logs[1].message == "destroy called");
            CHECK(h.state() == nullptr);
        }
        SUBCASE("init failure without a state") {
            Host h(plugin_path("raw_init_fail_null"));
            CHECK(error_of([&] { h.init(""); }) ==
                  "could not initialize plugin: plugin_init returned FAILURE and no state");
        }
        SUBCASE("destroy is called once by the destructor") {
            std::vector<LogMessage> logs;
            {
                Host h(plugin_path("raw_good"));
                h.init("");
                h.destroy();
                logs = h.logs();
            }
            REQUIRE(logs.size() == 2);
            CHECK(logs[1].message == "destroy called");
        }
        SUBCASE("capabilities used before init") {
            Host h(plugin_path("raw_good"));
            CHECK(error_of([&] { h.open(""); }) == "plugin capability used before init: open (plugin rawtest)");
        }
    }

    TEST_CASE("list_open_params") {
        Host h(plugin_path("raw_good"));
        h.init("");
        auto ps = h.list_open_params();
        REQUIRE(ps.size() == 2);
        CHECK(ps[0].value == "a");
        CHECK(ps[0].desc == "the a stream");
        CHECK(ps[1].separator == ",");
        Host bad(plugin_path("raw_bad_open_params"));
        bad.init("");
        CHECK(error_of([&] { bad.list_open_params(); }) ==
              "error in plugin rawtest: list_open_params has entry with no value (entry #0)");
    }

    TEST_CASE("Version::parse") {
        CHECK(Version::parse("3.12.0")->minor == 12);
        CHECK_FALSE(Version::parse("3.12"));
        CHECK_FALSE(Version::parse("3.12.0 "));
        CHECK_FALSE(Version::parse("a.b.c"));
        CHECK(kHostApiVersion.str() == "3.12.0");
    }

}  // TEST_SUITE
