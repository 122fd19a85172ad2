// Fields bound to JSON pointers, for layouts whose event_data is a JSON
// document. Only generated code of plugins with a json layout includes this
// header (it pulls in nlohmann/json).
//
// Each event's document is parsed once, however many fields are extracted
// from it: the cache keeps the last event's document per plugin state.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>

#include "falcogen/extract/results.hpp"
#include "falcogen/extract/values.hpp"

namespace falcogen::json {

using Json = nlohmann::json;

class DocumentCache {
public:
    // The parsed document of an event's payload, or nullptr when the payload
    // is not valid JSON. Parses only when the event changed.
    const Json* get(uint64_t evtnum, const void* evt, const uint8_t* data, size_t size);

private:
    uint64_t evtnum_ = 0;
    const void* evt_ = nullptr;
    bool valid_ = false;
    Json doc_;
};

// A JSON pointer split into its unescaped reference tokens at generation time.
using Pointer = std::initializer_list<std::string_view>;

// Follows `pointer`, then the field's argument when it has one (an index into
// an array, or a key of an object). nullptr when anything is missing.
const Json* resolve(const Json& doc, Pointer pointer, const FieldArg* arg, bool by_index, bool by_key);

// Adds `value` to the results as a field of type `ftype` (lists: each array
// element). A value of a type that does not convert adds nothing: no value.
void add_value(ExtractResults& results, const Json& value, uint32_t ftype, bool is_list);

}  // namespace falcogen::json
