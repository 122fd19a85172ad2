// Reading the init config (JSON) into the generated config struct.
//
// A light header on purpose: the generated config.gen.cpp includes it, and
// nlohmann/json (which parses the document) stays inside the runtime library,
// so a plugin's own sources compile in a fraction of the time.
// Every failure names the property by its JSON path, e.g.
//   init config: /tls/port: expected an integer, got string
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/base/error.hpp"

namespace falcogen::config {

[[noreturn]] void fail(const std::string& path, const std::string& what);

// A JSON value inside a Document (a view: valid while the Document lives).
class Value {
public:
    Value() = default;
    bool exists() const { return node_ != nullptr; }
    bool is_object() const;
    bool is_array() const;
    const char* type_name() const;
    // An object's member, or a Value that does not exist.
    Value member(const char* key) const;
    // An array's size and elements.
    size_t size() const;
    Value at(size_t i) const;
    // Fails at the first key of this object that is not in `known`.
    void check_keys(std::initializer_list<const char*> known, const std::string& path,
                    const char* message) const;

private:
    friend class Document;
    friend void read(Value, std::string&, const std::string&);
    friend void read(Value, int64_t&, const std::string&);
    friend void read(Value, double&, const std::string&);
    friend void read(Value, bool&, const std::string&);
    explicit Value(const void* node) : node_(node) {}
    const void* node_ = nullptr;
};

// A parsed JSON document. Empty (or blank) text is "{}", as in the framework.
class Document {
public:
    // The init config: must be a JSON object.
    static Document parse_config(std::string_view text);
    // Any JSON text known to be valid (defaults embedded by the generator).
    static Document parse_literal(std::string_view text);
    Document(Document&&) noexcept;
    ~Document();
    Value root() const;

private:
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

void read(Value v, std::string& out, const std::string& path);
void read(Value v, int64_t& out, const std::string& path);
void read(Value v, double& out, const std::string& path);
void read(Value v, bool& out, const std::string& path);

template <typename T>
void read(Value v, std::vector<T>& out, const std::string& path) {
    if (!v.is_array()) fail(path, std::string("expected an array, got ") + v.type_name());
    out.clear();
    out.resize(v.size());
    for (size_t i = 0; i < out.size(); ++i) read(v.at(i), out[i], path + "/" + std::to_string(i));
}

template <typename T>
void read(Value v, std::optional<T>& out, const std::string& path) {
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
