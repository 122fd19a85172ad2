// JSON layouts: the event's document, checked once per event on first use,
// and the fields bound to JSON pointers into it, walked straight over the
// text (json_scan.hpp): no DOM, and no allocation once the buffers are warm.
#include <string>
#include <vector>

#include "falcogen/detail/event.hpp"
#include "falcogen/detail/fields.hpp"
#include "inet.hpp"
#include "json_scan.hpp"

namespace falcogen::detail {

struct JsonEventCore::Cache {
    bool checked = false;  // whether `valid` is known for the current document
    bool valid = false;
    std::string text;  // the document, NUL-terminated: the walks stop at the NUL
    std::vector<char> stack;
    std::string scratch;  // unescaped keys and values
};

JsonEventCore::JsonEventCore(uint32_t plugin_id) : EventCore(plugin_id), cache_(new Cache) {}
JsonEventCore::~JsonEventCore() = default;

const char* JsonEventCore::decode_payload(const uint8_t* data, uint32_t size) {
    has_document_ = data != nullptr;
    document_ = has_document_ ? std::string_view(reinterpret_cast<const char*>(data), size) : std::string_view();
    cache_->checked = false;
    return nullptr;
}

const void* JsonEventCore::json() const {
    if (!has_document_) return nullptr;
    Cache& cache = *cache_;
    if (!cache.checked) {
        cache.valid = json::valid(document_, cache.stack);
        if (cache.valid) cache.text.assign(document_.data(), document_.size());
        cache.checked = true;
    }
    return cache.valid ? cache.text.c_str() : nullptr;
}

std::string& JsonEventCore::scratch() const {
    return cache_->scratch;
}

namespace {

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
void add_scalar(ExtractResults& results, json::Cursor value, uint32_t ftype) {
    switch (ftype) {
        case FTYPE_STRING: {
            std::string& text = results.scratch<std::string>();  // lives until the next call
            if (json::get_string(value, text)) results.add_scratch(text);
            return;
        }
        case FTYPE_BOOL: {
            bool b;
            if (json::get_bool(value, b)) results.add(b);
            return;
        }
        case FTYPE_IPADDR:
        case FTYPE_IPNET: {
            std::string& text = results.scratch<std::string>();
            if (json::get_string(value, text)) add_ip(results, text);
            return;
        }
        default: {  // uint64, reltime, abstime: non-negative integers only
            uint64_t v;
            if (json::get_non_negative(value, v)) results.add(v);
            return;
        }
    }
}

// The field's argument, when it declares one: an index into an array, or a
// key of an object. A field that declares no argument ignores one.
json::Cursor apply_arg(json::Cursor at, const FieldArg& arg, uint32_t flags, std::string& scratch) {
    if (!arg.present || (flags & (kArgIndex | kArgKey)) == 0) return at;
    if ((flags & kArgIndex) != 0 && json::kind_of(at) == json::Kind::array) return json::element(at, arg.index);
    if ((flags & kArgKey) != 0 && json::kind_of(at) == json::Kind::object) return json::member(at, arg.key, scratch);
    return nullptr;
}

}  // namespace

void json_field(const ExtractContext& ctx, const FieldSpec& spec) {
    const auto& event = static_cast<const JsonEventCore&>(ctx.event);
    const auto* text = static_cast<const char*>(event.json());
    if (text == nullptr) return;  // not this plugin's event, or not valid JSON: no value
    std::string& scratch = event.scratch();
    json::Cursor value = json::follow(json::root(text), spec.json_pointer, scratch);
    if (value != nullptr) value = apply_arg(value, field_arg(ctx.request), spec.flags, scratch);
    if (value == nullptr) return;
    if ((spec.flags & kList) != 0 && json::kind_of(value) == json::Kind::array) {
        json::each_element(value, [&](json::Cursor element) { add_scalar(ctx.results, element, spec.ftype); });
    } else {
        add_scalar(ctx.results, value, spec.ftype);
    }
}

}  // namespace falcogen::detail
