// Reading the init config (JSON) into the plugin's generated Config struct.
//
// Generated code describes each struct with one `read` function: an Object
// over the JSON value, and one get() per property with its Rules (the
// constraints of the manifest). How a value of each C++ type is read and
// checked is the `read` and `check` overload sets here.
//
// A light header on purpose: nlohmann/json, which parses the document, stays
// inside the runtime library, so a plugin's sources compile fast. Every
// failure names the property by its JSON path, e.g.
//   init config: /tls/port: expected an integer, got string
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/error.hpp"

namespace falcogen::detail::config {

// A value that breaks the document's rules: where (a JSON path, "" for the
// root) and what. what() reads as the init config's message; other documents
// (open params) word it from path() and problem().
class ConfigError : public Error {
public:
    ConfigError(const std::string& path, const std::string& problem)
        : Error("init config: " + (path.empty() ? std::string("/") : path) + ": " + problem),
          path_(path),
          problem_(problem) {}
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string path_;
    std::string problem_;
};

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
    // Whether this value equals one of the JSON array `allowed_json`'s elements.
    bool is_one_of(const char* allowed_json) const;

private:
    friend class Document;
    friend void read(Value, std::string&, const std::string&);
    friend void read(Value, int64_t&, const std::string&);
    friend void read(Value, double&, const std::string&);
    friend void read(Value, bool&, const std::string&);
    friend class Object;
    explicit Value(const void* node) : node_(node) {}
    const void* node_ = nullptr;
};

// How open params text becomes a value (manifest: source.open): `json`, the
// text is a JSON value (numbers, booleans, objects; text that is not JSON is
// read as a string, so the error names the type); `text`, the text itself (a
// string); `list`, the text split on `separator`, each item read as its type
// (`items_as_text` for strings, else as JSON).
struct OpenForm {
    enum Kind { json, text, list } kind;
    const char* separator;  // list only
    bool items_as_text;  // list only
};

// A parsed JSON document. Empty (or blank) text is "{}", as in the framework.
class Document {
public:
    // The init config: must be a JSON object.
    static Document parse_config(std::string_view text);
    // Any JSON text known to be valid (defaults embedded by the generator).
    static Document parse_literal(std::string_view text);
    // Open params as {"value": <what `form` reads from them>}; blank params: {}.
    static Document parse_open(std::string_view params, const OpenForm& form);
    Document(Document&&) noexcept;
    ~Document();
    Value root() const;

private:
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The constraints of one property (the manifest's minimum, maximum,
// minLength, maxLength, pattern, enum, required, items), built by chaining:
//   Rules().minimum(1).maximum(4096)
// The host validates against the schema too, but a host may not, and
// set_config may skip it: the plugin defends itself.
struct Rules {
    Rules& minimum(double v) { return set(minimum_, has_minimum_, v); }
    Rules& maximum(double v) { return set(maximum_, has_maximum_, v); }
    Rules& min_length(int64_t n) { return set(min_length_, n); }
    Rules& max_length(int64_t n) { return set(max_length_, n); }
    Rules& pattern(const char* regex) { return set(pattern_, regex); }
    Rules& one_of(const char* allowed_json) { return set(one_of_, allowed_json); }
    Rules& required() { return set(required_, true); }
    // The default of an array of objects or arrays, as JSON, applied when the property is absent.
    Rules& fallback(const char* json) { return set(fallback_, json); }
    // The rules of each item of an array. `r` must outlive this Rules: a
    // temporary in the same full expression does.
    Rules& items(const Rules& r) { return set(items_, &r); }

    double minimum_ = 0, maximum_ = 0;
    bool has_minimum_ = false, has_maximum_ = false;
    int64_t min_length_ = -1, max_length_ = -1;
    const char* pattern_ = nullptr;
    const char* one_of_ = nullptr;
    bool required_ = false;
    const char* fallback_ = nullptr;
    const Rules* items_ = nullptr;

private:
    template <typename T, typename V>
    Rules& set(T& field, V v) {
        field = v;
        return *this;
    }
    Rules& set(double& field, bool& has, double v) {
        field = v;
        has = true;
        return *this;
    }
};

// ---- read: a JSON value into a C++ value, by type -----------------------------------

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

// ---- check: a read value against its Rules, by type ---------------------------------

void check_minimum(double v, double minimum, const std::string& path);
void check_maximum(double v, double maximum, const std::string& path);
void check_length(const std::string& v, int64_t min_length, int64_t max_length, const std::string& path);
void check_pattern(const std::string& v, const char* pattern, const std::string& path);
void check_one_of(Value v, const char* allowed_json, const std::string& path);

void check(Value v, int64_t out, const Rules& rules, const std::string& path);
void check(Value v, double out, const Rules& rules, const std::string& path);
void check(Value v, bool out, const Rules& rules, const std::string& path);
void check(Value v, const std::string& out, const Rules& rules, const std::string& path);

template <typename T>
void check(Value v, const std::vector<T>& out, const Rules& rules, const std::string& path) {
    if (rules.items_ == nullptr) return;
    for (size_t i = 0; i < out.size(); ++i) check(v.at(i), out[i], *rules.items_, path + "/" + std::to_string(i));
}

template <typename T>
void check(Value v, const std::optional<T>& out, const Rules& rules, const std::string& path) {
    if (out) check(v, *out, rules, path);
}

// Structs: their own read() checks their properties.
template <typename Struct>
void check(Value, const Struct&, const Rules&, const std::string&) {}

// ---- Object: one generated struct's properties --------------------------------------

// Reads a generated struct's properties, one get() each, then finish().
// Problems are reported in the schema's order whatever the order of the
// calls: a value that is not an object, then a key no get() asked for
// (usually a typo), then the first property that failed.
class Object {
public:
    // Fails unless `value` is an object.
    Object(Value value, const std::string& path);

    // Reads property `key` into `out` and checks it; a property left out
    // keeps the struct's default (or its Rules' fallback), unless required.
    template <typename T>
    void get(const char* key, T& out, const Rules& rules = Rules()) {
        keys_.push_back(key);
        if (failure_) return;
        try {
            read_property(key, out, rules);
        } catch (...) {
            failure_ = std::current_exception();
        }
    }

    // Fails at a key that no get() asked for, else with the first failure.
    void finish() const;

private:
    template <typename T>
    void read_property(const char* key, T& out, const Rules& rules) const {
        const std::string path = path_ + "/" + key;
        const Value member = value_.member(key);
        if (member.exists()) {
            read(member, out, path);
            check(member, out, rules, path);
        } else if (rules.required_) {
            fail(path, "missing required property");
        } else if (rules.fallback_ != nullptr) {
            const Document fallback = Document::parse_literal(rules.fallback_);
            read(fallback.root(), out, path);
        }
    }

    Value value_;
    const std::string& path_;
    std::vector<const char*> keys_;
    std::exception_ptr failure_;
};

// A failure to read open params, worded for them: the form's value is the
// document's member "value", so "/value/x" is "/x" of the params.
std::string open_params_message(const ConfigError& e);

// Parses open params into `out` (the generated OpenParamsDoc, whose read()
// the call finds next to it); errors say "open params: ...".
template <typename Doc>
void parse_open(std::string_view params, const OpenForm& form, Doc& out) {
    try {
        const Document document = Document::parse_open(params, form);
        read(document.root(), out, "");
    } catch (const ConfigError& e) {
        throw Error(open_params_message(e));
    }
}

// Parses the init config text into `out` (a generated Config, whose read()
// the call finds next to it).
template <typename Config>
void parse(std::string_view text, Config& out) {
    const Document document = Document::parse_config(text);
    read(document.root(), out, "");
}

}  // namespace falcogen::detail::config
