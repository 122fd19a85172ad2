#include "falcogen/config/json_config.hpp"

#include <cmath>
#include <cstdio>
#include <regex>

namespace falcogen::config {

void fail(const std::string& path, const std::string& what) {
    throw Error("init config: " + (path.empty() ? std::string("/") : path) + ": " + what);
}

Json parse_document(std::string_view text) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return Json::object();
    Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("init config: not valid JSON");
    if (!doc.is_object()) fail("", std::string("expected a JSON object, got ") + doc.type_name());
    return doc;
}

const Json* member(const Json& object, const char* key, const std::string& path) {
    if (!object.is_object()) fail(path, std::string("expected an object, got ") + object.type_name());
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

void read(const Json& v, std::string& out, const std::string& path) {
    if (!v.is_string()) fail(path, std::string("expected a string, got ") + v.type_name());
    out = v.get_ref<const std::string&>();
}

void read(const Json& v, int64_t& out, const std::string& path) {
    if (v.is_number_integer()) {
        if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
            fail(path, "integer out of range");
        }
        out = v.get<int64_t>();
        return;
    }
    // JSON has one number type: 3.0 is an integer by the schema's rules.
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9.2e18) {
            out = static_cast<int64_t>(d);
            return;
        }
    }
    fail(path, std::string("expected an integer, got ") + (v.is_number() ? "a fractional number" : v.type_name()));
}

void read(const Json& v, double& out, const std::string& path) {
    if (!v.is_number()) fail(path, std::string("expected a number, got ") + v.type_name());
    out = v.get<double>();
}

void read(const Json& v, bool& out, const std::string& path) {
    if (!v.is_boolean()) fail(path, std::string("expected a boolean, got ") + v.type_name());
    out = v.get<bool>();
}

namespace {
// 1000 rather than 1000.0: config limits are mostly integers.
std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
}  // namespace

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

}  // namespace falcogen::config
