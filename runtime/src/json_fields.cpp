#include "falcogen/extract/json_fields.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace falcogen::json {

const Json* DocumentCache::get(uint64_t evtnum, const void* evt, const uint8_t* data, size_t size) {
    if (evt != evt_ || evtnum != evtnum_) {
        evt_ = evt;
        evtnum_ = evtnum;
        doc_ = Json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
        valid_ = !doc_.is_discarded();
    }
    return valid_ ? &doc_ : nullptr;
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

const Json* step(const Json* node, std::string_view token) {
    if (node->is_object()) {
        auto it = node->find(token);
        return it == node->end() ? nullptr : &*it;
    }
    size_t index;
    if (node->is_array() && parse_index(token, index) && index < node->size()) return &(*node)[index];
    return nullptr;
}

void add_scalar(ExtractResults& results, const Json& v, uint32_t ftype) {
    switch (ftype) {
        case FTYPE_STRING:
            // The document outlives the call: hand out its own NUL-terminated text.
            if (v.is_string()) results.add_string(v.get_ref<const std::string&>().c_str());
            return;
        case FTYPE_BOOL:
            if (v.is_boolean()) results.add_bool(v.get<bool>());
            return;
        case FTYPE_IPADDR:
        case FTYPE_IPNET: {
            if (!v.is_string()) return;
            const std::string& text = v.get_ref<const std::string&>();
            IpAddress ip;
            if (inet_pton(AF_INET, text.c_str(), ip.bytes.data()) == 1) {
                ip.size = 4;
            } else if (inet_pton(AF_INET6, text.c_str(), ip.bytes.data()) == 1) {
                ip.size = 16;
            } else {
                return;
            }
            results.add_ip(ip);
            return;
        }
        default:  // uint64, reltime, abstime: non-negative integers only
            if (v.is_number_unsigned()) {
                results.add_u64(v.get<uint64_t>());
            } else if (v.is_number_integer() && v.get<int64_t>() >= 0) {
                results.add_u64(static_cast<uint64_t>(v.get<int64_t>()));
            }
            return;
    }
}

}  // namespace

const Json* resolve(const Json& doc, Pointer pointer, const FieldArg* arg, bool by_index, bool by_key) {
    const Json* node = &doc;
    for (std::string_view token : pointer) {
        node = step(node, token);
        if (node == nullptr) return nullptr;
    }
    if (arg == nullptr || !arg->present) return node;
    if (by_index && node->is_array()) {
        return arg->index < node->size() ? &(*node)[static_cast<size_t>(arg->index)] : nullptr;
    }
    if (by_key && node->is_object()) {
        auto it = node->find(arg->key);
        return it == node->end() ? nullptr : &*it;
    }
    return nullptr;
}

void add_value(ExtractResults& results, const Json& value, uint32_t ftype, bool is_list) {
    if (is_list && value.is_array()) {
        for (const Json& element : value) add_scalar(results, element, ftype);
    } else {
        add_scalar(results, value, ftype);
    }
}

}  // namespace falcogen::json
