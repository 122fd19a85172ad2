// JSON layouts: the event's document, parsed once per event on first use,
// and the fields bound to JSON pointers into it. The only place a plugin's
// extraction meets nlohmann/json, which stays inside the runtime library.
#include <arpa/inet.h>

#include <nlohmann/json.hpp>
#include <string>

#include "falcogen/detail/event.hpp"
#include "falcogen/detail/fields.hpp"

namespace falcogen::detail {

using Json = nlohmann::json;

struct JsonEventCore::Cache {
    bool parsed = false;
    bool valid = false;
    Json doc;
};

JsonEventCore::JsonEventCore(uint32_t plugin_id) : EventCore(plugin_id), cache_(new Cache) {}
JsonEventCore::~JsonEventCore() = default;

const char* JsonEventCore::decode_payload(const uint8_t* data, uint32_t size) {
    has_document_ = data != nullptr;
    document_ = has_document_ ? std::string_view(reinterpret_cast<const char*>(data), size) : std::string_view();
    cache_->parsed = false;
    return nullptr;
}

const void* JsonEventCore::json() const {
    if (!has_document_) return nullptr;
    if (!cache_->parsed) {
        const auto* begin = reinterpret_cast<const uint8_t*>(document_.data());
        cache_->doc = Json::parse(begin, begin + document_.size(), nullptr, /*allow_exceptions=*/false);
        cache_->valid = !cache_->doc.is_discarded();
        cache_->parsed = true;
    }
    return cache_->valid ? &cache_->doc : nullptr;
}

namespace {

bool parse_index(std::string_view token, size_t& index) {
    if (token.empty() || token.size() > 19 || (token.size() > 1 && token[0] == '0')) return false;
    index = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return false;
        index = index * 10 + static_cast<size_t>(c - '0');
    }
    return true;
}

// RFC 6901: "~1" is '/', "~0" is '~'. Tokens rarely have escapes: only those
// are copied.
std::string_view unescape(std::string_view token, std::string& buffer) {
    if (token.find('~') == std::string_view::npos) return token;
    buffer.clear();
    for (size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            buffer += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            buffer += token[i];
        }
    }
    return buffer;
}

const Json* step(const Json* node, std::string_view token) {
    if (node->is_object()) {
        auto it = node->find(token);
        return it == node->end() ? nullptr : &*it;
    }
    size_t index;
    if (node->is_array() && parse_index(token, index) && index < node->size()) return &(*node)[index];
    return nullptr;
}

const Json* follow(const Json& doc, std::string_view pointer) {
    std::string buffer;
    const Json* node = &doc;
    while (!pointer.empty() && node != nullptr) {
        pointer.remove_prefix(1);  // the '/' before each token
        const size_t end = pointer.find('/');
        node = step(node, unescape(pointer.substr(0, end), buffer));
        pointer = end == std::string_view::npos ? std::string_view() : pointer.substr(end);
    }
    return node;
}

// A field that declares no argument (neither index nor key) ignores one.
const Json* apply_arg(const Json* node, const FieldArg& arg, uint32_t flags) {
    if (!arg.present || (flags & (kArgIndex | kArgKey)) == 0) return node;
    if ((flags & kArgIndex) != 0 && node->is_array()) {
        return arg.index < node->size() ? &(*node)[static_cast<size_t>(arg.index)] : nullptr;
    }
    if ((flags & kArgKey) != 0 && node->is_object()) {
        auto it = node->find(arg.key);
        return it == node->end() ? nullptr : &*it;
    }
    return nullptr;
}

void add_ip(ExtractResults& results, const std::string& text) {
    IpAddress ip;
    if (inet_pton(AF_INET, text.c_str(), ip.bytes.data()) == 1) {
        ip.size = 4;
    } else if (inet_pton(AF_INET6, text.c_str(), ip.bytes.data()) == 1) {
        ip.size = 16;
    }
    results.add(ip);
}

// A JSON value that does not convert to the field's type adds nothing: no value.
void add_scalar(ExtractResults& results, const Json& v, uint32_t ftype) {
    switch (ftype) {
        case FTYPE_STRING:
            // The document outlives the call: hand out its own NUL-terminated text.
            if (v.is_string()) results.add(v.get_ref<const std::string&>().c_str());
            return;
        case FTYPE_BOOL:
            if (v.is_boolean()) results.add(v.get<bool>());
            return;
        case FTYPE_IPADDR:
        case FTYPE_IPNET:
            if (v.is_string()) add_ip(results, v.get_ref<const std::string&>());
            return;
        default:  // uint64, reltime, abstime: non-negative integers only
            if (v.is_number_unsigned()) {
                results.add(v.get<uint64_t>());
            } else if (v.is_number_integer() && v.get<int64_t>() >= 0) {
                results.add(static_cast<uint64_t>(v.get<int64_t>()));
            }
            return;
    }
}

}  // namespace

void json_field(const ExtractContext& ctx, const FieldSpec& spec) {
    const auto* doc = static_cast<const Json*>(static_cast<const JsonEventCore&>(ctx.event).json());
    if (doc == nullptr) return;  // not this plugin's event, or not valid JSON: no value
    const Json* value = follow(*doc, spec.json_pointer);
    if (value != nullptr) value = apply_arg(value, field_arg(ctx.request), spec.flags);
    if (value == nullptr) return;
    if ((spec.flags & kList) != 0 && value->is_array()) {
        for (const Json& element : *value) add_scalar(ctx.results, element, spec.ftype);
    } else {
        add_scalar(ctx.results, *value, spec.ftype);
    }
}

}  // namespace falcogen::detail
