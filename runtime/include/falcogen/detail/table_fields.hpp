// Fields bound to a table (the manifest's `table: {name, field, key}`): the
// value of one field of one entry, found by the event's thread id or by the
// field's argument, with no author code. The entry or key missing: no value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/detail/fields.hpp"
#include "falcogen/detail/roots.hpp"

namespace falcogen::detail {

// The key of the entry a field reads.
struct KeyFromTid {
    template <typename Key>
    static bool get(const ExtractContext& ctx, Key& key) {
        key = static_cast<Key>(ctx.event.tid());
        return true;
    }
};
struct KeyFromArg {
    static bool get(const ExtractContext& ctx, std::string_view& key) {
        if (ctx.request.arg_key == nullptr) return false;
        key = ctx.request.arg_key;
        return true;
    }
    template <typename Key, std::enable_if_t<std::is_integral_v<Key>, int> = 0>
    static bool get(const ExtractContext& ctx, Key& key) {
        key = static_cast<Key>(ctx.request.arg_index);
        return static_cast<uint64_t>(key) == ctx.request.arg_index;  // an index the key type cannot hold: no entry
    }
};

// A value read from a table as a field value: strings are copied, since the
// table's memory may change before the host reads the results.
inline void add_table_value(ExtractResults& out, std::string_view v) {
    std::string& owned = out.scratch<std::string>();
    owned.assign(v.data(), v.size());
    out.add_scratch(owned);
}
inline void add_table_value(ExtractResults& out, const std::string& v) {
    add_table_value(out, std::string_view(v));
}
template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void add_table_value(ExtractResults& out, T v) {
    add_value(out, v);
}

template <typename Tables>
Tables& tables_of(const ExtractContext& ctx) {
    return static_cast<Tables&>(*ctx.plugin.tables_root());
}

// Field kField (read as T) of an entry of an imported table, tables.*kTable.
template <typename Tables, auto kTable, typename KeySource, typename T, uint32_t kField>
void imported_table_field(const ExtractContext& ctx, const FieldSpec&) {
    const auto& table = tables_of<Tables>(ctx).*kTable;
    typename std::decay_t<decltype(table)>::KeyArg key{};
    if (!KeySource::get(ctx, key)) return;
    if (auto entry = table.get(key)) add_table_value(ctx.results, entry->template read_field<T>(kField));
}

// Member kMember of an entry of an exported table, tables.*kTable.
template <typename Tables, auto kTable, typename KeySource, auto kMember>
void owned_table_field(const ExtractContext& ctx, const FieldSpec&) {
    auto& table = tables_of<Tables>(ctx).*kTable;
    typename std::decay_t<decltype(table)>::KeyArg key{};
    if (!KeySource::get(ctx, key)) return;
    if (const auto* entry = table.find(key)) add_table_value(ctx.results, entry->*kMember);
}

}  // namespace falcogen::detail
