// libscap's conversion of events read from captures: old layouts become the
// current ones, enter events are stored so that their parameters can be
// folded into the exit event, and what has no use any more is dropped. The
// rules are data (conversion_table.cpp, generated from libs); this is the
// engine that applies them, with libscap's outcomes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace falcogen::host::capture {

enum class ConversionAction : uint8_t {
    kPass,  // the event goes on as it is
    kStore,  // kept for its exit event, then dropped
    kStoreAndPass,  // kept for its exit event, and goes on
    kAddParams,  // the instructions append parameters
    kChangeType,  // a new type whose parameters are the instructions
};

// One rule, for the events of `type` that have `nparams` parameters.
// `instructions` are space-separated tokens, one per parameter written:
// o<N> the old event's parameter N; e<N> the stored enter event's parameter
// N (the type's default value if there is none); E<N> the same but an empty
// parameter as the fallback; d the default value; z an empty parameter; c/C
// the container JSON made from the old event (default/empty fallback).
struct ConversionRule {
    uint16_t type;
    uint8_t nparams;
    ConversionAction action;
    uint16_t new_type;
    const char* instructions;
};

extern const ConversionRule kConversionRules[];
extern const size_t kConversionRuleCount;

// libscap's verdict on an event as it is: it goes on, it is dropped, it
// needs a conversion, or it is an error (an exit event with more parameters
// than its type has).
enum class Convertibility { kPass, kDrop, kConvert, kError };
Convertibility convertibility(uint16_t type, uint32_t nparams);

enum class Verdict { kPass, kDrop, kError };

// What libscap does to events before libsinsp gets them, with its state: the
// last stored enter event of each thread.
class Converter {
public:
    // Converts `evt` (a whole, validated v2 event) in place until its layout
    // is the current one. kError: `error` says why (libsinsp skips the event).
    Verdict convert(std::vector<uint8_t>& evt, std::string& error);
    void clear() { stored_.clear(); }

private:
    // One conversion step of `evt` by `rule`, into `out` (left empty when evt
    // goes on unchanged); the verdict on the result.
    Convertibility apply(const ConversionRule& rule, const std::vector<uint8_t>& evt, std::vector<uint8_t>& out,
                         std::string& error);
    std::unordered_map<uint64_t, std::vector<uint8_t>> stored_;  // tid -> its enter event
};

}  // namespace falcogen::host::capture
