// falcogen-host --check: the plugin's identity, capabilities, fields and
// init schema (text or JSON), after the load rules and a check of the
// config against the init schema, without init.
#include <falcogen/host/host.hpp>
#include <falcogen/host/json_schema.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_plugins.hpp"

namespace falcogen::host::cli {

using nlohmann::json;

namespace {

// --check also judges the init schema, and the config (or {}) against it,
// without init. Returns the schema ("" when none).
std::string check_init_schema(const Host& h, const std::string& config) {
    std::string schema = h.init_schema();
    if (schema.empty()) return schema;
    json sj;
    try {
        sj = json::parse(schema);
    } catch (const json::parse_error& e) {
        throw HostError("error in plugin " + h.name() + ": get_init_schema did not return a json object: " + e.what());
    }
    if (!sj.is_object()) {
        throw HostError("error in plugin " + h.name() + ": get_init_schema did not return a json object");
    }
    json cj;
    try {
        cj = json::parse(config.empty() ? "{}" : config);
    } catch (const json::parse_error& e) {
        throw HostError("error in plugin " + h.name() + ": init config is not a valid json: " + e.what());
    }
    if (auto v = validate_json_schema(sj, cj)) {
        throw HostError("error in plugin " + h.name() + " init config: " + v->str());
    }
    return schema;
}

// A field as plugin_get_fields describes it (the keys that are set).
json field_json(const FieldInfo& f) {
    json fj{{"name", f.name}, {"type", field_type_name(f.type)}, {"desc", f.desc}};
    if (!f.display.empty()) fj["display"] = f.display;
    if (f.is_list) fj["isList"] = true;
    if (f.add_output) fj["addOutput"] = true;
    if (f.arg_index || f.arg_key || f.arg_required)
        fj["arg"] = {{"isRequired", f.arg_required}, {"isIndex", f.arg_index}, {"isKey", f.arg_key}};
    if (!f.properties.empty()) fj["properties"] = f.properties;
    return fj;
}

// --check --json
json identity_json(const Host& h, const std::string& schema) {
    json j;
    j["name"] = h.name();
    j["version"] = h.version();
    j["description"] = h.description();
    j["contact"] = h.contact();
    j["required_api_version"] = h.required_api_version();
    j["id"] = h.id();
    j["event_source"] = h.event_source();
    j["capabilities"] = capabilities_to_string(h.capabilities());
    j["init_schema"] = schema.empty() ? json(nullptr) : json::parse(schema);
    json fields = json::array();
    for (const auto& f : h.fields()) fields.push_back(field_json(f));
    j["fields"] = fields;
    j["extract_event_sources"] = h.extract_event_sources();
    j["parse_event_sources"] = h.parse_event_sources();
    j["async_events"] = h.async_event_names();
    return j;
}

// The fields and extract sources of an extraction plugin, for --check.
void print_fields_text(const Host& h) {
    std::cout << "fields:               " << h.fields().size() << "\n";
    for (const auto& f : h.fields()) {
        std::string arg;
        if (f.arg_index || f.arg_key) {
            arg = std::string("[") + (f.arg_index ? "index" : "") + (f.arg_index && f.arg_key ? "|" : "") +
                  (f.arg_key ? "key" : "") + (f.arg_required ? "" : ", optional") + "]";
        }
        std::cout << "  " << f.name << arg << " (" << field_type_name(f.type) << (f.is_list ? " list" : "")
                  << "): " << f.desc << "\n";
    }
    if (!h.extract_event_sources().empty()) {
        std::cout << "extract sources:     ";
        for (const auto& s : h.extract_event_sources()) std::cout << " " << s;
        std::cout << "\n";
    }
}

// --check
void print_identity_text(const Host& h, const std::string& schema) {
    std::cout << "plugin:               " << h.path() << "\n"
              << "name:                 " << h.name() << "\n"
              << "version:              " << h.version() << "\n"
              << "description:          " << h.description() << "\n"
              << "contact:              " << h.contact() << "\n"
              << "required API version: " << h.required_api_version() << " (host " << kHostApiVersion.str() << ")\n"
              << "capabilities:         " << capabilities_to_string(h.capabilities()) << "\n";
    if (h.has(CAP_SOURCING)) {
        std::cout << "id:                   " << h.id() << "\n"
                  << "event source:         " << (h.event_source().empty() ? "(none: syscall)" : h.event_source())
                  << "\n";
    }
    std::cout << "init schema:          " << (schema.empty() ? "none" : "JSON") << "\n";
    if (h.has(CAP_EXTRACTION)) print_fields_text(h);
    if (h.has(CAP_ASYNC)) {
        std::cout << "async events:        ";
        for (const auto& s : h.async_event_names()) std::cout << " " << s;
        std::cout << "\n";
    }
    std::cout << "OK: the plugin passes every load rule\n";
}

}  // namespace

void print_check(const Host& h, const std::string& config, bool as_json) {
    const std::string schema = check_init_schema(h, config);
    if (as_json) {
        std::cout << identity_json(h, schema).dump() << "\n";
        return;
    }
    print_identity_text(h, schema);
}

}  // namespace falcogen::host::cli
