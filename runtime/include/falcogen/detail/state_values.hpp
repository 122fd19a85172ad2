// How a C++ value travels through the state tables API: its state type
// (ss_plugin_state_type) and its place in ss_plugin_state_data. One overload
// set for every table: imported entries, exported entries, keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "falcogen/abi/plugin_api.h"

namespace falcogen::detail {

template <typename T>
struct StateTag {};

#define FALCOGEN_STATE_VALUE(Type, Enum, member)                     \
    constexpr ss_plugin_state_type state_type(StateTag<Type>) {      \
        return Enum;                                                 \
    }                                                                \
    inline void load_state(const ss_plugin_state_data& d, Type& v) { \
        v = d.member;                                                \
    }                                                                \
    inline void store_state(ss_plugin_state_data& d, Type v) {       \
        d.member = v;                                                \
    }

FALCOGEN_STATE_VALUE(int8_t, SS_PLUGIN_ST_INT8, s8)
FALCOGEN_STATE_VALUE(int16_t, SS_PLUGIN_ST_INT16, s16)
FALCOGEN_STATE_VALUE(int32_t, SS_PLUGIN_ST_INT32, s32)
FALCOGEN_STATE_VALUE(int64_t, SS_PLUGIN_ST_INT64, s64)
FALCOGEN_STATE_VALUE(uint8_t, SS_PLUGIN_ST_UINT8, u8)
FALCOGEN_STATE_VALUE(uint16_t, SS_PLUGIN_ST_UINT16, u16)
FALCOGEN_STATE_VALUE(uint32_t, SS_PLUGIN_ST_UINT32, u32)
FALCOGEN_STATE_VALUE(uint64_t, SS_PLUGIN_ST_UINT64, u64)
#undef FALCOGEN_STATE_VALUE

// The API's boolean is 32 bits wide; any non-zero value is true.
constexpr ss_plugin_state_type state_type(StateTag<bool>) {
    return SS_PLUGIN_ST_BOOL;
}
inline void load_state(const ss_plugin_state_data& d, bool& v) {
    v = d.b != 0;
}
inline void store_state(ss_plugin_state_data& d, bool v) {
    d.b = v ? 1 : 0;
}

// Strings are NUL-terminated and owned by whoever wrote them: read as a view
// of the owner's memory (valid until the next table call), stored as a
// pointer to the writer's own NUL-terminated copy.
constexpr ss_plugin_state_type state_type(StateTag<std::string_view>) {
    return SS_PLUGIN_ST_STRING;
}
constexpr ss_plugin_state_type state_type(StateTag<std::string>) {
    return SS_PLUGIN_ST_STRING;
}
inline void load_state(const ss_plugin_state_data& d, std::string_view& v) {
    v = d.str != nullptr ? std::string_view(d.str) : std::string_view();
}
inline void load_state(const ss_plugin_state_data& d, std::string& v) {
    if (d.str != nullptr) {
        v.assign(d.str);
    } else {
        v.clear();
    }
}
inline void store_state(ss_plugin_state_data& d, const std::string& v) {
    d.str = v.c_str();
}

template <typename T>
constexpr ss_plugin_state_type state_type_of() {
    return state_type(StateTag<T>{});
}

// "int64", "string"...: for messages.
const char* state_type_name(ss_plugin_state_type type);

}  // namespace falcogen::detail
