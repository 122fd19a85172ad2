#include "falcogen/detail/config.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

namespace falcogen::detail::config {

using Json = nlohmann::json;

namespace {
const Json& node(const void* p) {
    return *static_cast<const Json*>(p);
}

// 1000 rather than 1000.0: config limits are mostly integers.
std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
}  // namespace

void fail(const std::string& path, const std::string& what) {
    throw ConfigError(path, what);
}

// ---- Value --------------------------------------------------------------------

bool Value::is_object() const {
    return node_ != nullptr && node(node_).is_object();
}
bool Value::is_array() const {
    return node_ != nullptr && node(node_).is_array();
}
const char* Value::type_name() const {
    return node_ != nullptr ? node(node_).type_name() : "nothing";
}

Value Value::member(const char* key) const {
    if (!is_object()) return Value();
    const Json& object = node(node_);
    auto it = object.find(key);
    return it == object.end() ? Value() : Value(&*it);
}

size_t Value::size() const {
    return node_ != nullptr ? node(node_).size() : 0;
}
Value Value::at(size_t i) const {
    return is_array() && i < size() ? Value(&node(node_)[i]) : Value();
}

bool Value::is_one_of(const char* allowed_json) const {
    if (node_ == nullptr) return false;
    const Json allowed = Json::parse(allowed_json);
    for (const Json& a : allowed)
        if (a == node(node_)) return true;
    return false;
}

// ---- Object --------------------------------------------------------------------

Object::Object(Value value, const std::string& path) : value_(value), path_(path) {
    if (!value.is_object()) fail(path, std::string("expected an object, got ") + value.type_name());
}

void Object::finish() const {
    std::string expected;
    for (const char* k : keys_) expected += (expected.empty() ? "" : ", ") + std::string(k);
    for (auto it = node(value_.node_).begin(); it != node(value_.node_).end(); ++it) {
        bool known = false;
        for (const char* k : keys_) known = known || it.key() == k;
        if (!known) {
            fail(path_ + "/" + it.key(), "unknown property (expected " + (expected.empty() ? "none" : expected) + ")");
        }
    }
    if (failure_) std::rethrow_exception(failure_);
}

// ---- Document ------------------------------------------------------------------

struct Document::Impl {
    Json json;
};

Document::Document(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Document::Document(Document&&) noexcept = default;
Document::~Document() = default;
Value Document::root() const {
    return Value(&impl_->json);
}

Document Document::parse_config(std::string_view text) {
    auto impl = std::make_unique<Impl>();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        impl->json = Json::object();
        return Document(std::move(impl));
    }
    impl->json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (impl->json.is_discarded()) throw Error("init config: not valid JSON");
    if (!impl->json.is_object()) fail("", std::string("expected a JSON object, got ") + impl->json.type_name());
    return Document(std::move(impl));
}

Document Document::parse_literal(std::string_view text) {
    auto impl = std::make_unique<Impl>();
    impl->json = Json::parse(text.begin(), text.end());
    return Document(std::move(impl));
}

namespace {

// A token of open params as `as_text` says: the text, or JSON (text that is
// not JSON stays a string, so the reader's error names its type).
Json open_item(std::string_view token, bool as_text) {
    if (as_text) return Json(std::string(token));
    const size_t start = token.find_first_not_of(" \t\r\n");
    const size_t end = token.find_last_not_of(" \t\r\n");
    const std::string_view trimmed = start == std::string_view::npos ? "" : token.substr(start, end - start + 1);
    Json value = Json::parse(trimmed.begin(), trimmed.end(), nullptr, /*allow_exceptions=*/false);
    return value.is_discarded() ? Json(std::string(trimmed)) : value;
}

}  // namespace

Document Document::parse_open(std::string_view params, const OpenForm& form) {
    auto impl = std::make_unique<Impl>();
    impl->json = Json::object();
    if (params.find_first_not_of(" \t\r\n") == std::string_view::npos) return Document(std::move(impl));
    Json& value = impl->json["value"];
    if (form.kind == OpenForm::text) {
        value = std::string(params);
    } else if (form.kind == OpenForm::json) {
        value = open_item(params, false);
    } else {
        value = Json::array();
        const std::string_view sep = form.separator != nullptr && *form.separator != '\0' ? form.separator : ",";
        for (size_t start = 0;;) {
            const size_t end = params.find(sep, start);
            value.push_back(
                open_item(params.substr(start, end == std::string_view::npos ? end : end - start), form.items_as_text));
            if (end == std::string_view::npos) break;
            start = end + sep.size();
        }
    }
    return Document(std::move(impl));
}

std::string open_params_message(const ConfigError& e) {
    const std::string& path = e.path();
    if (path == "/value" && e.problem() == "missing required property") {
        return "open params: none given, and they are required";
    }
    const std::string where = path.rfind("/value/", 0) == 0 ? path.substr(6) + ": " : "";
    return "open params: " + where + e.problem();
}

// ---- Scalars -------------------------------------------------------------------

void read(Value v, std::string& out, const std::string& path) {
    if (!v.exists() || !node(v.node_).is_string()) fail(path, std::string("expected a string, got ") + v.type_name());
    out = node(v.node_).get_ref<const std::string&>();
}

void read(Value v, int64_t& out, const std::string& path) {
    if (!v.exists()) fail(path, "expected an integer, got nothing");
    const Json& j = node(v.node_);
    if (j.is_number_integer()) {
        if (j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
            fail(path, "integer out of range");
        }
        out = j.get<int64_t>();
        return;
    }
    // JSON has one number type: 3.0 is an integer by the schema's rules.
    if (j.is_number_float()) {
        const double d = j.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9.2e18) {
            out = static_cast<int64_t>(d);
            return;
        }
    }
    fail(path, std::string("expected an integer, got ") + (j.is_number() ? "a fractional number" : j.type_name()));
}

void read(Value v, double& out, const std::string& path) {
    if (!v.exists() || !node(v.node_).is_number()) fail(path, std::string("expected a number, got ") + v.type_name());
    out = node(v.node_).get<double>();
}

void read(Value v, bool& out, const std::string& path) {
    if (!v.exists() || !node(v.node_).is_boolean()) fail(path, std::string("expected a boolean, got ") + v.type_name());
    out = node(v.node_).get<bool>();
}

// ---- Constraints -----------------------------------------------------------------

void check_minimum(double v, double minimum, const std::string& path) {
    if (v < minimum) fail(path, "value " + number_text(v) + " is less than minimum " + number_text(minimum));
}

void check_maximum(double v, double maximum, const std::string& path) {
    if (v > maximum) fail(path, "value " + number_text(v) + " is greater than maximum " + number_text(maximum));
}

void check_length(const std::string& v, int64_t min_length, int64_t max_length, const std::string& path) {
    if (min_length >= 0 && static_cast<int64_t>(v.size()) < min_length)
        fail(path, "string shorter than " + std::to_string(min_length) + " characters");
    if (max_length >= 0 && static_cast<int64_t>(v.size()) > max_length)
        fail(path, "string longer than " + std::to_string(max_length) + " characters");
}

void check_pattern(const std::string& v, const char* pattern, const std::string& path) {
    if (!std::regex_search(v, std::regex(pattern, std::regex::ECMAScript)))
        fail(path, std::string("string does not match pattern ") + pattern);
}

void check_one_of(Value v, const char* allowed_json, const std::string& path) {
    if (!v.is_one_of(allowed_json)) fail(path, "value is not one of the allowed values");
}

// ---- check, by type ----------------------------------------------------------------
// The order of the checks is the schema's: bounds, length, pattern, enum.

void check(Value v, int64_t out, const Rules& rules, const std::string& path) {
    check(v, static_cast<double>(out), rules, path);
}

void check(Value v, double out, const Rules& rules, const std::string& path) {
    if (rules.has_minimum_) check_minimum(out, rules.minimum_, path);
    if (rules.has_maximum_) check_maximum(out, rules.maximum_, path);
    if (rules.one_of_ != nullptr) check_one_of(v, rules.one_of_, path);
}

void check(Value v, bool, const Rules& rules, const std::string& path) {
    if (rules.one_of_ != nullptr) check_one_of(v, rules.one_of_, path);
}

void check(Value v, const std::string& out, const Rules& rules, const std::string& path) {
    if (rules.min_length_ >= 0 || rules.max_length_ >= 0) check_length(out, rules.min_length_, rules.max_length_, path);
    if (rules.pattern_ != nullptr) check_pattern(out, rules.pattern_, path);
    if (rules.one_of_ != nullptr) check_one_of(v, rules.one_of_, path);
}

}  // namespace falcogen::detail::config
