// The init-config JSON Schema validator: a table of configs vs schemas.
#include "test_util.hpp"

#include <falcogen/host/json_schema.hpp>

using namespace falcogen::host;
using nlohmann::json;

namespace {

const char* const kSchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[a-z]+$", "default": "x"},
    "max_events": {"type": "integer", "minimum": 1, "maximum": 1000},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "mode": {"enum": ["fast", "slow"]},
    "verbose": {"type": "boolean"},
    "tls": {
      "type": "object",
      "properties": {"port": {"type": "integer", "maximum": 65535}, "ca": {"type": "string"}},
      "required": ["port"],
      "additionalProperties": false
    },
    "hosts": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1, "maxItems": 3},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
    "nullable": {"type": ["string", "null"]},
    "ref": {"$ref": "#/definitions/level"}
  },
  "additionalProperties": false,
  "definitions": {"level": {"type": "integer", "enum": [1, 2, 3]}},
  "x-unknown-keyword": {"ignored": true}
})";

struct Row {
    const char* config;
    const char* expected;  // "" = valid
};

}  // namespace

TEST_SUITE("schema") {
    TEST_CASE("table of configs against one schema") {
        const json schema = json::parse(kSchema);
        const Row rows[] = {
            // valid
            {R"({"name": "abc"})", ""},
            {R"({"name": "abc", "max_events": 1000, "ratio": 0.5, "mode": "slow", "verbose": true})", ""},
            {R"({"name": "abc", "max_events": 5.0})", ""},  // 5.0 is an integer in draft-06+
            {R"({"name": "abc", "tls": {"port": 443, "ca": "/x"}, "hosts": ["a", "b"], "labels": {"k": "v"}})", ""},
            {R"({"name": "abc", "nullable": null, "ref": 2})", ""},
            // wrong type
            {R"({"name": 3})", "In /name, value 3 has type 'integer' but the schema expects 'string'"},
            {R"({"name": "abc", "max_events": 1.5})",
             "In /max_events, value 1.5 has type 'number' but the schema expects 'integer'"},
            {R"({"name": "abc", "max_events": "10"})",
             "In /max_events, value \"10\" has type 'string' but the schema expects 'integer'"},
            {R"({"name": "abc", "verbose": "yes"})",
             "In /verbose, value \"yes\" has type 'string' but the schema expects 'boolean'"},
            {R"({"name": "abc", "nullable": 1})",
             "In /nullable, value 1 has type 'integer' but the schema expects 'string' or 'null'"},
            {R"([1])", "In <root>, value [1] has type 'array' but the schema expects 'object'"},
            // missing required
            {R"({})", "In <root>, missing required property 'name'"},
            {R"({"name": "abc", "tls": {}})", "In /tls, missing required property 'port'"},
            // enum
            {R"({"name": "abc", "mode": "medium"})", "In /mode, value \"medium\" is not one of [\"fast\",\"slow\"]"},
            {R"({"name": "abc", "ref": 4})", "In /ref, value 4 is not one of [1,2,3]"},
            // min / max
            {R"({"name": "abc", "max_events": 5000})", "In /max_events, value 5000 is greater than maximum 1000"},
            {R"({"name": "abc", "max_events": 0})", "In /max_events, value 0 is less than minimum 1"},
            {R"({"name": "abc", "ratio": 1})", "In /ratio, value 1 is not less than exclusive maximum 1"},
            {R"({"name": "abc", "ratio": 0})", "In /ratio, value 0 is not greater than exclusive minimum 0"},
            {R"({"name": "a"})", "In /name, string \"a\" is shorter than minLength 2"},
            {R"({"name": "abcdefghi"})", "In /name, string \"abcdefghi\" is longer than maxLength 8"},
            // pattern
            {R"({"name": "ab1"})", "In /name, string \"ab1\" does not match pattern '^[a-z]+$'"},
            // nested object
            {R"({"name": "abc", "tls": {"port": 70000}})", "In /tls/port, value 70000 is greater than maximum 65535"},
            {R"({"name": "abc", "tls": {"port": 1, "cert": "x"}})",
             "In /tls, additional property 'cert' is not allowed"},
            // array items
            {R"({"name": "abc", "hosts": []})", "In /hosts, array has 0 items, fewer than minItems 1"},
            {R"({"name": "abc", "hosts": ["a", "b", "c", "d"]})", "In /hosts, array has 4 items, more than maxItems 3"},
            {R"({"name": "abc", "hosts": ["a", 2]})",
             "In /hosts/1, value 2 has type 'integer' but the schema expects 'string'"},
            {R"({"name": "abc", "hosts": ["a", ""]})", "In /hosts/1, string \"\" is shorter than minLength 1"},
            // additionalProperties false / schema
            {R"({"name": "abc", "unknown": 1})", "In <root>, additional property 'unknown' is not allowed"},
            {R"({"name": "abc", "labels": {"a/b": 1}})",
             "In /labels/a~1b, value 1 has type 'integer' but the schema expects 'string'"},
        };
        for (const Row& r : rows) {
            CAPTURE(r.config);
            auto v = validate_json_schema(schema, json::parse(r.config));
            if (std::string(r.expected).empty()) {
                CHECK_MESSAGE(!v.has_value(), (v ? v->str() : std::string()));
            } else {
                REQUIRE(v.has_value());
                CHECK(v->str() == r.expected);
            }
        }
    }

    TEST_CASE("combinators, const, boolean schemas, draft-04 exclusive flags") {
        auto check = [](const char* schema, const char* value) {
            auto v = validate_json_schema(json::parse(schema), json::parse(value));
            return v ? v->str() : std::string();
        };
        CHECK(check(R"({"const": 3})", "3") == "");
        CHECK(check(R"({"const": 3})", "4") == "In <root>, value 4 is not the constant 3");
        CHECK(check(R"({"anyOf": [{"type": "string"}, {"type": "integer"}]})", "true")
                  .rfind("In <root>, value matches none of the anyOf schemas", 0) == 0);
        CHECK(check(R"({"oneOf": [{"minimum": 1}, {"maximum": 5}]})", "3") ==
              "In <root>, value matches 2 of the oneOf schemas (exactly 1 required)");
        CHECK(check(R"({"not": {"type": "null"}})", "null") == "In <root>, value null matches the 'not' schema");
        CHECK(check(R"({"allOf": [{"type": "integer"}, {"minimum": 10}]})", "3") ==
              "In <root>, value 3 is less than minimum 10");
        CHECK(check("false", "1") == "In <root>, the schema 'false' rejects every value");
        CHECK(check("true", "1") == "");
        CHECK(check(R"({"maximum": 5, "exclusiveMaximum": true})", "5") ==
              "In <root>, value 5 is not less than exclusive maximum 5");
        CHECK(check(R"({"type": "object", "properties": {"a": {"type": "integer", "default": "not checked"}}})",
                    "{}") == "");
        CHECK(check(R"({"items": [{"type": "string"}], "additionalItems": false})", R"(["a", 1])") ==
              "In <root>, array has 2 items but additionalItems is false and the schema lists 1");
        CHECK(check(R"({"uniqueItems": true})", "[1, 2, 1.0]") ==
              "In <root>, items 0 and 2 are equal but uniqueItems is true");
        CHECK(check(R"({"multipleOf": 5})", "12") == "In <root>, value 12 is not a multiple of 5");
        CHECK(check(R"({"maxLength": 2})", R"("héé")") == "In <root>, string \"héé\" is longer than maxLength 2");
        CHECK(check(R"({"maxLength": 3})", R"("héé")") == "");  // lengths count code points
    }

    TEST_CASE("malformed schemas are reported, not ignored") {
        CHECK(error_of([] {
                  validate_json_schema(json::parse(R"({"pattern": "("})"), json("x"));
              }).rfind("invalid JSON schema: pattern '(' is not a valid regex", 0) == 0);
        CHECK(error_of([] { validate_json_schema(json::parse(R"({"$ref": "#/definitions/nope"})"), json(1)); }) ==
              "unresolvable $ref '#/definitions/nope' in the JSON schema");
        CHECK(error_of([] { validate_json_schema(json::parse(R"({"$ref": "http://x/y.json"})"), json(1)); }) ==
              "unsupported $ref 'http://x/y.json' (only local references like '#/definitions/x' are supported)");
        CHECK(error_of([] { validate_json_schema(json::parse(R"({"type": 3})"), json(1)); }) ==
              "invalid JSON schema at <root>: 'type' must be a string or an array");
    }

}  // TEST_SUITE
