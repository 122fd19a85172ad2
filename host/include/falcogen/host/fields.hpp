// Fields: the plugin_get_fields and plugin_list_open_params JSON rules, and
// the values plugin_extract_fields returns, as the host copies and prints them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <falcogen/abi/plugin_api.h>

namespace falcogen::host {

// ---- fields -------------------------------------------------------------------------------------

enum class FieldType : uint32_t {
    Uint64 = FTYPE_UINT64,
    String = FTYPE_STRING,
    Reltime = FTYPE_RELTIME,
    Abstime = FTYPE_ABSTIME,
    Bool = FTYPE_BOOL,
    Ipaddr = FTYPE_IPADDR,
    Ipnet = FTYPE_IPNET,
};

const char* field_type_name(FieldType t);  // "string", "uint64", ...

struct FieldInfo {
    uint32_t id = 0;  // position in the plugin_get_fields array
    std::string name;
    FieldType type = FieldType::String;
    std::string desc;
    std::string display;
    bool is_list = false;
    bool add_output = false;
    bool arg_required = false;
    bool arg_index = false;
    bool arg_key = false;
    std::vector<std::string> properties;
    bool hidden() const;
    bool arg_allowed() const { return arg_index || arg_key; }
};

// Parses and checks the plugin_get_fields JSON by the host's rules; the
// messages are prefixed with "error in plugin <plugin_name>: ".
std::vector<FieldInfo> parse_fields_json(const std::string& plugin_name, const char* json);

struct OpenParam {
    std::string value, desc, separator;
};

// Parses and checks the plugin_list_open_params JSON ("" = no suggestions).
std::vector<OpenParam> parse_open_params_json(const std::string& plugin_name, const std::string& json);

// ---- extraction results -------------------------------------------------------------------------

using Bytes = std::vector<uint8_t>;
// string (string), uint64 (uint64, reltime, abstime), bool (bool), bytes (ipaddr, ipnet).
using ExtractValue = std::variant<std::string, uint64_t, bool, Bytes>;

// "1.2.3.4", "::1" (4 or 16 bytes); "1.2.3.0/24" for 5 or 17 bytes (addr + prefix len); hex otherwise.
std::string format_ip(const Bytes& b, FieldType t);

struct ExtractResult {
    std::string field;  // as requested, e.g. "x.tags[0]"
    FieldType type = FieldType::String;
    bool is_list = false;
    std::vector<ExtractValue> values;  // empty: "no value"
    // value_offsets (API 3.11) reported by the plugin for this field, if any.
    std::optional<uint32_t> offset_start, offset_length;

    bool has_value() const { return !values.empty(); }
    // Text as libsinsp prints it: the value, "(a,b,c)" for lists, "" for no value.
    std::string to_string() const;
    // Each value as text.
    std::vector<std::string> value_strings() const;
};

std::string extract_value_to_string(const ExtractValue& v, FieldType t);

}  // namespace falcogen::host
