// The TablesSpec entries of a plugin with `tables:`, instantiated for its
// generated Tables struct: making it over the resolved imports, and
// registering each exported table with the host's add_table.
#pragma once

#include <memory>
#include <string>
#include <type_traits>

#include "falcogen/detail/error_slot.hpp"
#include "falcogen/detail/owned_vtables.hpp"
#include "falcogen/detail/tables.hpp"
#include "falcogen/error.hpp"

namespace falcogen::detail {

template <typename Tables>
std::unique_ptr<TablesRoot> make_tables(TableKinds& kinds) {
    return std::make_unique<Tables>(kinds);
}

template <typename Table>
void register_table(Table& table, const ss_plugin_init_tables_input& input, const TableCalls& calls, ErrorSlot& error) {
    OwnedVtables<Table>::bind(table);
    table.attach(error);
    if (input.add_table == nullptr) throw Error("the host's table API has no add_table");
    if (input.add_table(calls.owner, &table.input()) != SS_PLUGIN_SUCCESS) {
        const std::string host = calls.host_error();
        throw Error("the host refused to add table '" + std::string(table.name()) + "'" +
                    (host.empty() ? "" : ": " + host));
    }
}

template <typename Tables>
void export_tables(TablesRoot& root, const ss_plugin_init_tables_input& input, const TableCalls& calls,
                   ErrorSlot& error) {
    static_cast<Tables&>(root).exported([&](auto& table) { register_table(table, input, calls, error); });
}

}  // namespace falcogen::detail
