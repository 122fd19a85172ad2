// Reading the init config (JSON) into the generated config struct.
//
// Only the generated config.gen.cpp includes this header: it pulls in
// nlohmann/json, which the author's translation unit never needs to compile.
// Every failure names the property by its JSON path, e.g.
//   init config: /tls/port: expected an integer, got a string
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/base/error.hpp"

namespace falcogen::config {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& what);

// The document as a whole: empty text means "{}" (as the framework does).
Json parse_document(std::string_view text);

// Returns the member or nullptr; fails when `object` is not an object.
const Json* member(const Json& object, const char* key, const std::string& path);

void read(const Json& v, std::string& out, const std::string& path);
void read(const Json& v, int64_t& out, const std::string& path);
void read(const Json& v, double& out, const std::string& path);
void read(const Json& v, bool& out, const std::string& path);

template <typename T>
void read(const Json& v, std::vector<T>& out, const std::string& path) {
    if (!v.is_array()) fail(path, std::string("expected an array, got ") + v.type_name());
    out.clear();
    out.resize(v.size());
    for (size_t i = 0; i < v.size(); ++i) read(v[i], out[i], path + "/" + std::to_string(i));
}

template <typename T>
void read(const Json& v, std::optional<T>& out, const std::string& path) {
    out.emplace();
    read(v, *out, path);
}

// Constraint checks (the host validates against the schema too, but a host
// may not, and set_config may skip it: the plugin defends itself).
void check_minimum(double v, double minimum, const std::string& path);
void check_maximum(double v, double maximum, const std::string& path);
void check_length(const std::string& v, int64_t min_length, int64_t max_length, const std::string& path);
void check_pattern(const std::string& v, const char* pattern, const std::string& path);
template <typename T>
void check_enum(const T& v, std::initializer_list<T> allowed, const std::string& path) {
    for (const auto& a : allowed)
        if (a == v) return;
    fail(path, "value is not one of the allowed values");
}

}  // namespace falcogen::config
