// JSON without a DOM: the checks and the walks that JSON-pointer fields need,
// straight over the event's text. Nothing is allocated once the scratch
// buffers the caller keeps have grown to their working size.
//
// The rules are nlohmann/json's (which falcogen used before, and which
// hand-written plugins use): a document is one RFC 8259 value with optional
// whitespace around it, UTF-8 checked in strings, surrogate pairs checked in
// \u escapes, no comments, no trailing commas, any depth. Of duplicate keys
// the last one counts. Numbers follow nlohmann's typing: an integer that fits
// 64 bits is an integer, anything else (fraction, exponent, too large) is not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace falcogen::detail::json {

// Whether `text` is one JSON document (up to its first NUL byte, which ends the
// input as it does for nlohmann/json). `stack` is scratch (the open containers).
bool valid(std::string_view text, std::vector<char>& stack);

// A position inside a document already checked by valid(): the first
// character of a value. Walks assume the document is valid.
using Cursor = const char*;

// The top-level value of a valid, NUL-terminated document.
Cursor root(const char* text);

// The member `key` of the object at `at` (the last one of that name), or nullptr.
Cursor member(Cursor at, std::string_view key, std::string& scratch);
// Element `index` of the array at `at`, or nullptr.
Cursor element(Cursor at, uint64_t index);
// The value at the RFC 6901 `pointer` ("" is `at` itself; "/a/0" a member then
// an element), or nullptr when a step is missing.
Cursor follow(Cursor at, std::string_view pointer, std::string& scratch);

// The position after the value at `at`.
Cursor skip(Cursor at);

enum class Kind { object, array, string, number, boolean, null };
Kind kind_of(Cursor at);

// Each element of the array at `at`, in order: visit(element).
template <typename Visit>
void each_element(Cursor at, Visit&& visit);

// Scalars. Each returns false when the value is of another kind (or, for
// numbers, not a 64-bit integer of that sign).
bool get_string(Cursor at, std::string& out);  // unescaped
bool get_bool(Cursor at, bool& out);
// An integer >= 0 (nlohmann: an unsigned integer, or a signed one >= 0, "-0" included).
bool get_non_negative(Cursor at, uint64_t& out);

// ---- implementation of the template ------------------------------------------------

Cursor skip_ws(Cursor p);

template <typename Visit>
void each_element(Cursor at, Visit&& visit) {
    Cursor p = skip_ws(at + 1);
    if (*p == ']') return;
    while (true) {
        visit(p);
        p = skip_ws(skip(p));
        if (*p != ',') return;
        p = skip_ws(p + 1);
    }
}

}  // namespace falcogen::detail::json
