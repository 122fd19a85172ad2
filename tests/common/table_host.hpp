// A minimal host side of the table API for tests that call a plugin's C ABI
// directly: it offers no tables of its own and keeps what the plugin
// registers with add_table. Vtables a plugin without imports never calls are
// left empty (the runtime only checks that they exist).
#pragma once

#include <vector>

#include <falcogen/abi/plugin_api.h>

namespace testing_tables {

struct TableHost {
    std::vector<ss_plugin_table_input> registered;
    ss_plugin_table_fields_vtable_ext fields{};
    ss_plugin_table_reader_vtable_ext reader{};
    ss_plugin_table_writer_vtable_ext writer{};
    ss_plugin_init_tables_input input{};

    TableHost() {
        input.list_tables = [](ss_plugin_owner_t*, uint32_t* n) -> ss_plugin_table_info* { return *n = 0, nullptr; };
        input.get_table = [](ss_plugin_owner_t*, const char*, ss_plugin_state_type) -> ss_plugin_table_t* {
            return nullptr;
        };
        input.add_table = [](ss_plugin_owner_t* o, const ss_plugin_table_input* in) {
            static_cast<TableHost*>(static_cast<void*>(o))->registered.push_back(*in);
            return SS_PLUGIN_SUCCESS;
        };
        input.fields_ext = &fields;
        input.reader_ext = &reader;
        input.writer_ext = &writer;
    }
    TableHost(const TableHost&) = delete;
    TableHost& operator=(const TableHost&) = delete;

    // What ss_plugin_init_input.owner must be for add_table to reach this host.
    ss_plugin_owner_t* owner() { return static_cast<ss_plugin_owner_t*>(static_cast<void*>(this)); }
};

inline const char* no_error(ss_plugin_owner_t*) {
    return "";
}

}  // namespace testing_tables
