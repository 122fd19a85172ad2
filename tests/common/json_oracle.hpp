// JSON-pointer fields, two ways, for differential tests (tests/runtime and the
// json fuzz target):
// - oracle(): the reference answers, from a nlohmann/json DOM: what falcogen
//   extracted before it walked the text itself, and what hand-written
//   plugins compute;
// - production(): the runtime's json_field on a real event of a JSON layout.
// Both render their values as text (strings as C strings, numbers in decimal,
// booleans as true/false, addresses as hex bytes), std::nullopt when the
// document is not valid JSON.
#pragma once

#include <arpa/inet.h>

#include <falcogen/detail/event.hpp>
#include <falcogen/detail/fields.hpp>
#include <falcogen/detail/roots.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plugin_event_bytes.hpp"

namespace falcogen_tests::json_fields {

using Values = std::optional<std::vector<std::string>>;
using Json = nlohmann::json;
namespace fd = falcogen::detail;

struct Request {
    std::string pointer;  // RFC 6901
    uint32_t ftype = FTYPE_STRING;
    uint32_t flags = 0;  // fd::kList, kArgIndex, kArgKey
    bool arg_present = false;
    uint64_t arg_index = 0;
    std::string arg_key{};
};

inline std::string hex(const void* data, size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        const auto b = static_cast<const uint8_t*>(data)[i];
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// ---- The reference ------------------------------------------------------------------

inline const Json* step(const Json* node, const std::string& token) {
    if (node->is_object()) {
        auto it = node->find(token);
        return it == node->end() ? nullptr : &*it;
    }
    if (!node->is_array() || token.empty() || token.size() > 19 || (token.size() > 1 && token[0] == '0'))
        return nullptr;
    uint64_t index = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return nullptr;
        index = index * 10 + static_cast<uint64_t>(c - '0');
    }
    return index < node->size() ? &(*node)[index] : nullptr;
}

inline void scalar(const Json& v, uint32_t ftype, std::vector<std::string>& out) {
    if (ftype == FTYPE_STRING && v.is_string()) {
        out.push_back(v.get_ref<const std::string&>().c_str());
    } else if (ftype == FTYPE_BOOL && v.is_boolean()) {
        out.push_back(v.get<bool>() ? "true" : "false");
    } else if ((ftype == FTYPE_IPADDR || ftype == FTYPE_IPNET) && v.is_string()) {
        uint8_t bytes[16];
        const std::string& text = v.get_ref<const std::string&>();
        if (inet_pton(AF_INET, text.c_str(), bytes) == 1)
            out.push_back(hex(bytes, 4));
        else if (inet_pton(AF_INET6, text.c_str(), bytes) == 1)
            out.push_back(hex(bytes, 16));
    } else if (ftype == FTYPE_UINT64 && v.is_number_unsigned()) {
        out.push_back(std::to_string(v.get<uint64_t>()));
    } else if (ftype == FTYPE_UINT64 && v.is_number_integer() && v.get<int64_t>() >= 0) {
        out.push_back(std::to_string(v.get<int64_t>()));
    }
}

inline Values oracle(std::string_view text, const Request& r) {
    const Json doc = Json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    const Json* node = &doc;
    std::string_view pointer = r.pointer;
    while (!pointer.empty() && node != nullptr) {
        pointer.remove_prefix(1);
        const size_t end = pointer.find('/');
        std::string token;
        const std::string_view raw = pointer.substr(0, end);
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
                token += raw[++i] == '1' ? '/' : '~';
            } else {
                token += raw[i];
            }
        }
        node = step(node, token);
        pointer = end == std::string_view::npos ? std::string_view() : pointer.substr(end);
    }
    std::vector<std::string> out;
    if (node != nullptr && r.arg_present && (r.flags & (fd::kArgIndex | fd::kArgKey)) != 0) {
        if ((r.flags & fd::kArgIndex) != 0 && node->is_array()) {
            node = r.arg_index < node->size() ? &(*node)[r.arg_index] : nullptr;
        } else if ((r.flags & fd::kArgKey) != 0 && node->is_object()) {
            auto it = node->find(r.arg_key);
            node = it == node->end() ? nullptr : &*it;
        } else {
            node = nullptr;
        }
    }
    if (node == nullptr) return out;
    if ((r.flags & fd::kList) != 0 && node->is_array()) {
        for (const Json& e : *node) scalar(e, r.ftype, out);
    } else {
        scalar(*node, r.ftype, out);
    }
    return out;
}

// ---- The runtime ----------------------------------------------------------------------

struct Doc {
    static constexpr const char* kName = "doc";
    static constexpr bool kJson = true;
    std::string_view document;
};
struct Event : fd::EventOf<0, false, Doc> {};

inline std::string rendered(uint32_t ftype, const ss_plugin_extract_field& f, uint64_t i) {
    switch (ftype) {
        case FTYPE_STRING: return f.res.str[i];
        case FTYPE_BOOL: return f.res.boolean[i] != 0 ? "true" : "false";
        case FTYPE_IPADDR:
        case FTYPE_IPNET: return hex(f.res.buf[i].ptr, f.res.buf[i].len);
        default: return std::to_string(f.res.u64[i]);
    }
}

// `event` and `results` may be reused across calls, as a plugin state reuses them.
inline Values production(std::string_view text, const Request& r, Event& event, fd::ExtractResults& results,
                         uint64_t evtnum) {
    const auto bytes = plugin_event_bytes(999, text.data(), text.size(), 0);
    const ss_plugin_event_input input{reinterpret_cast<const ss_plugin_event*>(bytes.data()), evtnum, "doc"};
    event.decode(&input);
    if (event.json() == nullptr) return std::nullopt;
    ss_plugin_extract_field field{};
    field.ftype = r.ftype;
    field.arg_present = r.arg_present;
    field.arg_index = r.arg_index;
    field.arg_key = r.arg_key.c_str();
    const fd::FieldSpec spec(r.ftype, &fd::json_field, r.flags, r.pointer.c_str());
    fd::PluginRoot plugin;
    results.begin();
    results.start_field(r.ftype);
    fd::json_field(fd::ExtractContext{plugin, event, results, field}, spec);
    results.finish(&field, nullptr);
    std::vector<std::string> out;
    for (uint64_t i = 0; i < field.res_len; ++i) out.push_back(rendered(r.ftype, field, i));
    return out;
}

}  // namespace falcogen_tests::json_fields
