// State types and values: libsinsp's type names, the process-wide set of live
// handles, and the conversions between the test kit's StateValue and
// ss_plugin_state_data.
#include <falcogen/host/error.hpp>

#include <limits>
#include <type_traits>

#include "tables_internal.hpp"

namespace falcogen::host {

namespace {

const char* known_type_name(ss_plugin_state_type type) {
    switch (type) {
        case SS_PLUGIN_ST_INT8: return "int8";
        case SS_PLUGIN_ST_INT16: return "int16";
        case SS_PLUGIN_ST_INT32: return "int32";
        case SS_PLUGIN_ST_INT64: return "int64";
        case SS_PLUGIN_ST_UINT8: return "uint8";
        case SS_PLUGIN_ST_UINT16: return "uint16";
        case SS_PLUGIN_ST_UINT32: return "uint32";
        case SS_PLUGIN_ST_UINT64: return "uint64";
        case SS_PLUGIN_ST_STRING: return "string";
        case SS_PLUGIN_ST_TABLE: return "table";
        case SS_PLUGIN_ST_BOOL: return "bool";
    }
    return nullptr;
}

}  // namespace

std::string state_type_name(ss_plugin_state_type type) {
    const char* n = known_type_name(type);
    return n != nullptr ? n : "unknown(" + std::to_string(static_cast<int>(type)) + ")";
}

std::string to_string(const StateValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else {
                return std::to_string(v);
            }
        },
        value);
}

namespace detail {

const char* checked_type_name(ss_plugin_state_type type) {
    const char* n = known_type_name(type);
    if (n == nullptr) {
        throw TableError("state::type_name invoked for unsupported type_id: " + std::to_string(static_cast<int>(type)));
    }
    return n;
}

bool is_state_type(ss_plugin_state_type type) {
    return known_type_name(type) != nullptr;
}

// ---- live handles -------------------------------------------------------------------------------

namespace {

struct HandleSet {
    std::unordered_map<const void*, HandleKind> live;
};

// Never destroyed: a Host destroyed during static destruction still unregisters safely.
HandleSet& handles() {
    static HandleSet* set = new HandleSet;
    return *set;
}

}  // namespace

std::recursive_mutex& table_mutex() {
    static std::recursive_mutex* m = new std::recursive_mutex;
    return *m;
}

void register_handle(const void* p, HandleKind kind) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    handles().live[p] = kind;
}

void unregister_handle(const void* p) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    handles().live.erase(p);
}

bool is_handle(const void* p, HandleKind kind) {
    if (p == nullptr) return false;
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    auto it = handles().live.find(p);
    return it != handles().live.end() && it->second == kind;
}

// ---- StateValue <-> ss_plugin_state_data --------------------------------------------------------

namespace {

// The value as a signed or unsigned 128-bit-safe pair, for range checks.
struct Integer {
    bool is_integer = false;
    bool negative = false;
    uint64_t magnitude = 0;  // |value|
};

Integer integer_of(const StateValue& v) {
    return std::visit(
        [](const auto& x) -> Integer {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool>) {
                return Integer{};
            } else if constexpr (std::is_signed_v<T>) {
                const int64_t s = x;
                return Integer{true, s < 0, s < 0 ? uint64_t(0) - uint64_t(s) : uint64_t(s)};
            } else {
                return Integer{true, false, uint64_t(x)};
            }
        },
        v);
}

template <typename T>
bool integer_fits(const Integer& i) {
    if (i.negative) {
        if constexpr (std::is_unsigned_v<T>) {
            return false;
        } else {
            return i.magnitude <= uint64_t(std::numeric_limits<T>::max()) + 1;
        }
    }
    return i.magnitude <= uint64_t(std::numeric_limits<T>::max());
}

template <typename T>
T integer_as(const Integer& i) {
    return i.negative ? static_cast<T>(0 - i.magnitude) : static_cast<T>(i.magnitude);
}

template <typename T>
T converted(const StateValue& v, const std::string& what, const char* type_name) {
    if (const T* exact = std::get_if<T>(&v)) return *exact;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        const Integer i = integer_of(v);
        if (i.is_integer && integer_fits<T>(i)) return integer_as<T>(i);
        if (i.is_integer) {
            throw HostError("value " + to_string(v) + " does not fit " + what + " (" + type_name + ")");
        }
    }
    throw HostError("value " + to_string(v) + " has the wrong type for " + what + " (" + type_name + ")");
}

}  // namespace

ss_plugin_state_data to_state_data(const StateValue& v, ss_plugin_state_type type, std::string& storage,
                                   const std::string& what) {
    ss_plugin_state_data d{};
    const std::string tn = state_type_name(type);
    switch (type) {
        case SS_PLUGIN_ST_INT8: d.s8 = converted<int8_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_INT16: d.s16 = converted<int16_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_INT32: d.s32 = converted<int32_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_INT64: d.s64 = converted<int64_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_UINT8: d.u8 = converted<uint8_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_UINT16: d.u16 = converted<uint16_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_UINT32: d.u32 = converted<uint32_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_UINT64: d.u64 = converted<uint64_t>(v, what, tn.c_str()); break;
        case SS_PLUGIN_ST_BOOL: d.b = converted<bool>(v, what, tn.c_str()) ? 1 : 0; break;
        case SS_PLUGIN_ST_STRING:
            storage = converted<std::string>(v, what, tn.c_str());
            d.str = storage.c_str();
            break;
        default: throw HostError(what + " has type " + tn + ", which has no test-kit value");
    }
    return d;
}

StateValue from_state_data(const ss_plugin_state_data& d, ss_plugin_state_type type) {
    switch (type) {
        case SS_PLUGIN_ST_INT8: return d.s8;
        case SS_PLUGIN_ST_INT16: return d.s16;
        case SS_PLUGIN_ST_INT32: return d.s32;
        case SS_PLUGIN_ST_INT64: return d.s64;
        case SS_PLUGIN_ST_UINT8: return d.u8;
        case SS_PLUGIN_ST_UINT16: return d.u16;
        case SS_PLUGIN_ST_UINT32: return d.u32;
        case SS_PLUGIN_ST_UINT64: return d.u64;
        case SS_PLUGIN_ST_BOOL: return d.b != 0;
        case SS_PLUGIN_ST_STRING: return std::string(d.str != nullptr ? d.str : "");
        default: throw HostError("a value of type " + state_type_name(type) + " has no test-kit value");
    }
}

template <typename T>
constexpr ss_plugin_state_type state_type_of() {
    if constexpr (std::is_same_v<T, bool>) return SS_PLUGIN_ST_BOOL;
    if constexpr (std::is_same_v<T, int8_t>) return SS_PLUGIN_ST_INT8;
    if constexpr (std::is_same_v<T, int16_t>) return SS_PLUGIN_ST_INT16;
    if constexpr (std::is_same_v<T, int32_t>) return SS_PLUGIN_ST_INT32;
    if constexpr (std::is_same_v<T, int64_t>) return SS_PLUGIN_ST_INT64;
    if constexpr (std::is_same_v<T, uint8_t>) return SS_PLUGIN_ST_UINT8;
    if constexpr (std::is_same_v<T, uint16_t>) return SS_PLUGIN_ST_UINT16;
    if constexpr (std::is_same_v<T, uint32_t>) return SS_PLUGIN_ST_UINT32;
    if constexpr (std::is_same_v<T, uint64_t>) return SS_PLUGIN_ST_UINT64;
    return SS_PLUGIN_ST_STRING;
}

template <typename T>
T state_value_as(const StateValue& v, const std::string& field) {
    return converted<T>(v, "field '" + field + "'", state_type_name(state_type_of<T>()).c_str());
}

template bool state_value_as<bool>(const StateValue&, const std::string&);
template int8_t state_value_as<int8_t>(const StateValue&, const std::string&);
template int16_t state_value_as<int16_t>(const StateValue&, const std::string&);
template int32_t state_value_as<int32_t>(const StateValue&, const std::string&);
template int64_t state_value_as<int64_t>(const StateValue&, const std::string&);
template uint8_t state_value_as<uint8_t>(const StateValue&, const std::string&);
template uint16_t state_value_as<uint16_t>(const StateValue&, const std::string&);
template uint32_t state_value_as<uint32_t>(const StateValue&, const std::string&);
template uint64_t state_value_as<uint64_t>(const StateValue&, const std::string&);
template std::string state_value_as<std::string>(const StateValue&, const std::string&);

}  // namespace detail
}  // namespace falcogen::host
