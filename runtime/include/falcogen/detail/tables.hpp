// Tables of the host and of other plugins, as a plugin sees them: the
// declarations its generated code makes (one TableDecl per table and
// subtable, in a constant array), the handles resolved from them in
// plugin_init, and the vtables of the call in progress.
//
// The host hands its table vtables with each call (init, parse, extract)
// and may free entries and subtables when the call returns, so the runtime
// keeps the call's vtables in TableCalls while the call runs and clears them
// after: an entry used outside a call is an error, never a dangling call.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "falcogen/abi/plugin_api.h"

namespace falcogen::detail {

struct TableFieldDecl {
    const char* name;
    ss_plugin_state_type type;
    bool add;  // added by this plugin (add_table_field), else it must exist
    int32_t subtable;  // type SS_PLUGIN_ST_TABLE: the TableDecl of its entries' subtables, else -1
};

struct TableDecl {
    const char* name;  // in the host; for a subtable, the name of its field
    const char* path;  // for messages: threads, threads.file_descriptors
    ss_plugin_state_type key_type;
    const TableFieldDecl* fields;
    uint32_t field_count;
    bool top_level;  // false: a subtable, reached through a field of its parent's entries
};

// The vtables the host gave with the call in progress (all null between calls).
struct TableCalls {
    const ss_plugin_table_reader_vtable_ext* reader = nullptr;
    const ss_plugin_table_writer_vtable_ext* writer = nullptr;  // parse and init only
    ss_plugin_owner_t* owner = nullptr;
    ss_plugin_get_owner_last_error_fn owner_error = nullptr;
    std::string text;  // a string being written: the host copies it during the call

    // The host's message about its last failure ("" when it has none).
    std::string host_error() const;
};

// Holds the vtables of one call (init, parse, extract) while it runs.
class CallTables {
public:
    CallTables(TableCalls& calls, const ss_plugin_table_reader_vtable_ext* reader,
               const ss_plugin_table_writer_vtable_ext* writer, ss_plugin_owner_t* owner,
               ss_plugin_get_owner_last_error_fn owner_error)
        : calls_(calls) {
        calls.reader = reader;
        calls.writer = writer;
        calls.owner = owner;
        calls.owner_error = owner_error;
    }
    CallTables(const CallTables&) = delete;
    CallTables& operator=(const CallTables&) = delete;
    ~CallTables() {
        calls_.reader = nullptr;
        calls_.writer = nullptr;
    }

private:
    TableCalls& calls_;
};

// One declared table (or kind of subtable) resolved against the host.
struct TableKind {
    const TableDecl* decl = nullptr;
    ss_plugin_table_t* table = nullptr;  // top-level tables; subtables come with each entry
    std::vector<ss_plugin_table_field_t*> fields;  // by field index
    std::vector<TableKind*> subtables;  // by field index; non-null for table fields
    TableCalls* calls = nullptr;

    // The reader/writer of the call in progress; throws when there is none.
    const ss_plugin_table_reader_vtable_ext& reader() const;
    const ss_plugin_table_writer_vtable_ext& writer() const;
    // Throws falcogen::Error: "<what> table 'threads'[ field 'comm']: <host's message>".
    [[noreturn]] void fail(const char* what, uint32_t field = UINT32_MAX) const;
};

// Resolves every declaration in plugin_init: tables with get_table, fields
// with get_table_field or add_table_field, and subtable fields through an
// entry created for the purpose and destroyed after. Throws a message that
// names the table and field the host lacks, or has with another type.
using TableKinds = std::vector<std::unique_ptr<TableKind>>;
void resolve_tables(const TableDecl* decls, uint32_t count, const ss_plugin_init_tables_input& input, TableKinds& out,
                    TableCalls& calls);

// The root of a plugin's generated Tables struct: what the runtime holds.
class TablesRoot {
public:
    virtual ~TablesRoot() = default;
};

class ErrorSlot;

// What a plugin with `tables:` adds to its PluginSpec.
struct TablesSpec {
    const TableDecl* imports;  // every imported table and subtable, in declaration order
    uint32_t import_count;
    // The generated Tables over the resolved imports.
    std::unique_ptr<TablesRoot> (*make)(TableKinds& kinds);
    // Registers the exported tables with add_table.
    void (*export_tables)(TablesRoot& tables, const ss_plugin_init_tables_input& input, const TableCalls& calls,
                          ErrorSlot& error);
};

}  // namespace falcogen::detail
