// A small JSON Schema (draft-07) validator over nlohmann::json, used to check
// a plugin's init config against plugin_get_init_schema before plugin_init.
//
// Keywords: type (incl. integer vs number), enum, const, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum (draft-07 numbers or draft-04 booleans),
// multipleOf, minLength, maxLength, pattern (std::regex ECMAScript), items
// (schema or tuple), additionalItems, minItems, maxItems, uniqueItems,
// properties, required, additionalProperties (bool or schema),
// patternProperties, minProperties, maxProperties, allOf, anyOf, oneOf, not,
// and local $ref ("#", "#/definitions/x", "#/$defs/x"). A boolean schema is
// accepted (true) or rejects everything (false). `default`, `title`,
// `description`, `examples`, `$schema`, `$id` and unknown keywords are ignored.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace falcogen::host {

struct SchemaViolation {
    // JSON Pointer of the offending value, "<root>" for the document itself
    // (e.g. "/max_events", "/hosts/2").
    std::string path;
    // e.g. "value 5000 is greater than maximum 1000"
    std::string message;

    // "In /max_events, value 5000 is greater than maximum 1000"
    std::string str() const { return "In " + path + ", " + message; }
};

// Returns the first (top-most, in document order of the checks) violation, or
// std::nullopt when `instance` is valid. Throws HostError when the schema
// itself is malformed (e.g. an invalid regex or an unresolvable $ref).
std::optional<SchemaViolation> validate_json_schema(const nlohmann::json& schema, const nlohmann::json& instance);

}  // namespace falcogen::host
