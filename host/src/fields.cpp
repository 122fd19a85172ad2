// plugin_get_fields / plugin_list_open_params JSON rules and value formatting.
#include <falcogen/host/host.hpp>

#include <cstdio>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "platform/platform.hpp"

namespace falcogen::host {

using nlohmann::json;

namespace {

// The root of the plugin_get_fields JSON: a non-empty array.
json parse_fields_root(const std::string& pre, const char* text) {
    if (text == nullptr) {
        throw HostError(pre + "get_fields returned a null string");
    }
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw HostError(pre + "get_fields returned an invalid JSON: " + e.what());
    }
    if (!root.is_array()) {
        throw HostError(pre + "get_fields did not return a JSON array");
    }
    if (root.empty()) {
        throw HostError(pre + "get_fields must export at least one field");
    }
    return root;
}

// The string `key` of entry `idx` ("#3"); std::nullopt when absent or null.
std::optional<std::string> entry_string(const std::string& pre, const json& e, const std::string& idx,
                                        const char* key) {
    auto it = e.find(key);
    if (it == e.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        throw HostError(pre + "field JSON entry " + idx + " has a non-string " + key + ": " + it->dump());
    }
    return it->get<std::string>();
}

FieldType field_type_named(const std::string& pre, const std::string& type, const std::string& field) {
    static const std::map<std::string, FieldType> kFieldTypes = {
        {"string", FieldType::String},   {"uint64", FieldType::Uint64}, {"reltime", FieldType::Reltime},
        {"abstime", FieldType::Abstime}, {"bool", FieldType::Bool},     {"ipaddr", FieldType::Ipaddr},
        {"ipnet", FieldType::Ipnet},
    };
    auto t = kFieldTypes.find(type);
    if (t == kFieldTypes.end()) {
        throw HostError(pre + "invalid field type '" + type + "' for field " + field +
                        " (expected one of string, uint64, bool, reltime, abstime, ipaddr, ipnet)");
    }
    return t->second;
}

// name, type and desc: the keys every entry must have.
void read_required_keys(const std::string& pre, const json& e, const std::string& idx, FieldInfo& f) {
    auto name = entry_string(pre, e, idx, "name");
    if (!name || name->empty()) {
        throw HostError(pre + "field JSON entry " + idx + " has no name");
    }
    f.name = *name;
    auto type = entry_string(pre, e, idx, "type");
    if (!type || type->empty()) {
        throw HostError(pre + "field JSON entry '" + f.name + "' has no type");
    }
    auto desc = entry_string(pre, e, idx, "desc");
    if (!desc || desc->empty()) {
        throw HostError(pre + "field JSON entry '" + f.name + "' has no desc");
    }
    f.desc = *desc;
    f.type = field_type_named(pre, *type, f.name);
}

// The boolean `key` of `obj` (an entry or its arg) into `flag`, unless absent or null.
void read_flag(const std::string& pre, const std::string& fq, const json& obj, const char* key, bool& flag) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_boolean()) {
        throw HostError(pre + fq + " " + key + " property is not boolean: " + it->dump());
    }
    flag = it->get<bool>();
}

void read_arg(const std::string& pre, const std::string& fq, const json& e, FieldInfo& f) {
    auto it = e.find("arg");
    if (it == e.end() || it->is_null()) return;
    if (!it->is_object()) throw HostError(pre + fq + " arg property is not an object");
    read_flag(pre, fq, *it, "isRequired", f.arg_required);
    read_flag(pre, fq, *it, "isIndex", f.arg_index);
    read_flag(pre, fq, *it, "isKey", f.arg_key);
    if (f.arg_required && !f.arg_index && !f.arg_key) {
        throw HostError(pre + fq + " arg has isRequired true, but none of isKey nor isIndex is true");
    }
}

void read_properties(const std::string& pre, const std::string& fq, const json& e, FieldInfo& f) {
    auto it = e.find("properties");
    if (it == e.end() || it->is_null()) return;
    if (!it->is_array()) throw HostError(pre + fq + " properties property is not array");
    for (const auto& p : *it) {
        if (!p.is_string()) throw HostError(pre + fq + " properties value is not string: " + p.dump());
        f.properties.push_back(p.get<std::string>());
    }
}

// display, isList, addOutput, arg and properties: the optional keys.
void read_optional_keys(const std::string& pre, const json& e, FieldInfo& f) {
    const std::string fq = "field " + f.name;
    if (auto it = e.find("display"); it != e.end() && !it->is_null()) {
        if (!it->is_string()) throw HostError(pre + fq + " display property is not a string");
        f.display = it->get<std::string>();
    }
    read_flag(pre, fq, e, "isList", f.is_list);
    read_flag(pre, fq, e, "addOutput", f.add_output);
    read_arg(pre, fq, e, f);
    read_properties(pre, fq, e, f);
}

// Entry #i of the fields array.
FieldInfo parse_field_entry(const std::string& pre, const json& e, size_t i) {
    const std::string idx = "#" + std::to_string(i);
    if (!e.is_object()) {
        throw HostError(pre + "field JSON entry " + idx + " is not an object");
    }
    FieldInfo f;
    f.id = static_cast<uint32_t>(i);
    read_required_keys(pre, e, idx, f);
    read_optional_keys(pre, e, f);
    return f;
}

// Field names are unique (stricter than libsinsp).
void check_unique_name(const std::string& pre, const std::vector<FieldInfo>& earlier, const FieldInfo& f) {
    for (const auto& prev : earlier) {
        if (prev.name == f.name) {
            throw HostError(pre + "duplicate field name '" + f.name + "' (entries #" + std::to_string(prev.id) +
                            " and #" + std::to_string(f.id) + ")");
        }
    }
}

}  // namespace

const char* field_type_name(FieldType t) {
    switch (t) {
        case FieldType::Uint64: return "uint64";
        case FieldType::String: return "string";
        case FieldType::Reltime: return "reltime";
        case FieldType::Abstime: return "abstime";
        case FieldType::Bool: return "bool";
        case FieldType::Ipaddr: return "ipaddr";
        case FieldType::Ipnet: return "ipnet";
    }
    return "unknown";
}

bool FieldInfo::hidden() const {
    for (const auto& p : properties) {
        if (p == "hidden") return true;
    }
    return false;
}

std::vector<FieldInfo> parse_fields_json(const std::string& plugin_name, const char* text) {
    const std::string pre = "error in plugin " + plugin_name + ": ";
    const json root = parse_fields_root(pre, text);
    std::vector<FieldInfo> out;
    for (size_t i = 0; i < root.size(); ++i) {
        FieldInfo f = parse_field_entry(pre, root[i], i);
        check_unique_name(pre, out, f);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<OpenParam> parse_open_params_json(const std::string& plugin_name, const std::string& text) {
    const std::string pre = "error in plugin " + plugin_name + ": ";
    std::vector<OpenParam> out;
    if (text.empty()) {
        return out;
    }
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw HostError(pre + "list_open_params returned a non-array JSON: " + e.what());
    }
    if (!root.is_array()) {
        throw HostError(pre + "list_open_params returned a non-array JSON");
    }
    for (size_t i = 0; i < root.size(); ++i) {
        const json& e = root[i];
        const std::string idx = "#" + std::to_string(i);
        if (!e.is_object()) {
            throw HostError(pre + "list_open_params entry " + idx + " is not an object");
        }
        OpenParam p;
        auto v = e.find("value");
        if (v == e.end() || !v->is_string() || v->get<std::string>().empty()) {
            throw HostError(pre + "list_open_params has entry with no value (entry " + idx + ")");
        }
        p.value = v->get<std::string>();
        for (auto [key, dst] : {std::pair<const char*, std::string*>{"desc", &p.desc}, {"separator", &p.separator}}) {
            auto it = e.find(key);
            if (it == e.end() || it->is_null()) continue;
            if (!it->is_string()) {
                throw HostError(pre + "list_open_params entry " + idx + " has a non-string " + key);
            }
            *dst = it->get<std::string>();
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::string format_ip(const Bytes& b, FieldType t) {
    if (b.size() == 4 || b.size() == 16) {
        return platform::ip_text(b.data(), b.size());
    }
    if (t == FieldType::Ipnet && (b.size() == 5 || b.size() == 17)) {
        return platform::ip_text(b.data(), b.size() - 1) + "/" + std::to_string(b.back());
    }
    std::string hex;
    for (uint8_t c : b) {
        char h[3];
        std::snprintf(h, sizeof h, "%02x", c);
        hex += h;
    }
    return hex;
}

std::string extract_value_to_string(const ExtractValue& v, FieldType t) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* u = std::get_if<uint64_t>(&v)) return std::to_string(*u);
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    return format_ip(std::get<Bytes>(v), t);
}

std::vector<std::string> ExtractResult::value_strings() const {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(extract_value_to_string(v, type));
    return out;
}

std::string ExtractResult::to_string() const {
    if (values.empty()) return "";
    if (!is_list) return extract_value_to_string(values.front(), type);
    std::string s = "(";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i) s += ",";
        s += extract_value_to_string(values[i], type);
    }
    return s + ")";
}

}  // namespace falcogen::host
