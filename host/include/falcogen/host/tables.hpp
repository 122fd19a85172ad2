// State tables: what libsinsp offers plugins through ss_plugin_init_tables_input
// and the table vtables of the parse and extract inputs, and a test kit to fill
// and inspect them from C++.
//
// A TableRegistry holds the host's tables (today "threads", with its
// file_descriptors, args, env and cgroups subtables) and the tables that plugins
// register with add_table. Several Hosts share one registry through
// HostOptions::tables, as the plugins of one libsinsp inspector do. The rules
// (types, messages, entries, iteration) are libsinsp's; docs/host.md lists them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <falcogen/abi/plugin_api.h>
#include <nlohmann/json_fwd.hpp>

namespace falcogen::host {

class Host;

namespace detail {
class TableBase;
class TableOwner;
struct RegistryState;
}  // namespace detail

// libsinsp's name of a state type ("int64", "string", "table", ...), or
// "unknown(N)" for a value that is not a state type.
std::string state_type_name(ss_plugin_state_type type);

// A key or a field value in the test kit. An integer converts to any integer
// type it fits in, so {"pid", 10} sets an int64 field.
using StateValue =
    std::variant<bool, int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t, std::string>;
std::string to_string(const StateValue& value);

// Values to set on an entry, by field name: {{"comm", "bash"}, {"pid", 10}}.
using FieldValues = std::vector<std::pair<std::string, StateValue>>;

struct TableFieldInfo {
    std::string name;
    ss_plugin_state_type type = SS_PLUGIN_ST_INT8;
    bool read_only = false;
};

struct TableInfo {
    std::string name;
    ss_plugin_state_type key_type = SS_PLUGIN_ST_INT64;
    std::string owner;  // "host", or the name of the plugin that registered it
};

class TableRef;

// One entry of a table, read and written by field name with the rules that
// apply to plugins (read-only fields, types). Errors are HostErrors carrying
// the message a plugin would read with get_owner_last_error.
class EntryRef {
public:
    StateValue get(const std::string& field) const;
    // T is one of StateValue's types; an integer field converts to another
    // integer type when the value fits.
    template <typename T>
    T get(const std::string& field) const;
    void set(const std::string& field, const StateValue& value);
    void set(const FieldValues& values);
    // The table held by a field of type table ("file_descriptors", "args", ...).
    TableRef subtable(const std::string& field) const;
    // Every field: {"comm": "bash", "args": {"name": "args", "entries": [...]}, ...}
    nlohmann::json to_json() const;

private:
    friend class TableRef;
    EntryRef(std::shared_ptr<detail::TableBase> table, std::shared_ptr<detail::TableOwner> owner, void* entry,
             std::shared_ptr<void> keep);
    std::shared_ptr<detail::TableBase> table_;
    std::shared_ptr<detail::TableOwner> owner_;
    void* entry_;
    std::shared_ptr<void> keep_;  // keeps a host entry alive, or releases a plugin's entry
};

// A table of the registry (host-owned or plugin-owned) or a subtable.
class TableRef {
public:
    const std::string& name() const;
    ss_plugin_state_type key_type() const;
    std::string owner() const;  // "host" or the owner plugin's name
    std::vector<TableFieldInfo> fields() const;
    uint64_t size() const;
    std::optional<EntryRef> find(const StateValue& key) const;
    EntryRef at(const StateValue& key) const;  // HostError when missing
    // create_table_entry, add_table_entry (replaces an entry with that key), then
    // the values written with the plugin rules (a list entry has no value before it is added).
    EntryRef add(const StateValue& key, const FieldValues& values = {});
    void erase(const StateValue& key);
    void clear();
    // add_table_field from the test kit (a plugin-owned table decides itself).
    void add_field(const std::string& name, ss_plugin_state_type type);
    // Calls fn for each entry until it returns false; an EntryRef of a
    // plugin-owned table is valid only during its call.
    void for_each(const std::function<bool(const EntryRef&)>& fn) const;
    // The entries of a host-owned table, kept alive by the EntryRefs.
    std::vector<EntryRef> entries() const;
    // {"name": "threads", "entries": [{field: value, ...}, ...]}, as sinsp-example -Tlist prints it.
    nlohmann::json to_json() const;
    // Adds the entries of a to_json() document (subtables included); a map
    // table takes each entry's key from its key field ("tid", "fd").
    void load_json(const nlohmann::json& table);

private:
    friend class EntryRef;
    friend class TableRegistry;
    friend class ThreadsTable;
    TableRef(std::shared_ptr<detail::TableBase> table, std::shared_ptr<detail::TableOwner> owner);
    // An EntryRef that keeps a host entry alive, or releases a plugin's entry
    // when dropped (`release`: it came from get_table_entry or add_table_entry).
    EntryRef entry_ref(void* entry, bool release = true) const;
    std::shared_ptr<detail::TableBase> table_;
    std::shared_ptr<detail::TableOwner> owner_;
};

// The "threads" table (key int64 tid) with helpers for its subtables.
class ThreadsTable : public TableRef {
public:
    // add_table_entry(tid) with the values: tid is set from the key, as libsinsp
    // does; the other fields start with libsinsp's defaults (pid -1, ...).
    EntryRef add_thread(int64_t tid, const FieldValues& values = {});
    EntryRef thread(int64_t tid) const;
    // The thread's file_descriptors (its main thread's, if it shares them with PPM_CL_CLONE_FILES).
    TableRef fds(int64_t tid) const;
    EntryRef add_fd(int64_t tid, int64_t fd, const FieldValues& values = {});
    void set_args(int64_t tid, const std::vector<std::string>& args);
    void set_env(int64_t tid, const std::vector<std::string>& env);
    void set_cgroups(int64_t tid, const std::vector<std::pair<std::string, std::string>>& cgroups);
    // The cwd field is read-only for plugins; the host writes it as libsinsp
    // does (capture loading, the state tracker).
    void set_cwd(int64_t tid, const std::string& cwd);

private:
    friend class TableRegistry;
    using TableRef::TableRef;
};

// The tables shared by the Hosts that get it through HostOptions::tables.
class TableRegistry {
public:
    TableRegistry();
    ~TableRegistry();
    TableRegistry(const TableRegistry&) = delete;
    TableRegistry& operator=(const TableRegistry&) = delete;

    ThreadsTable& threads();
    // Every table, by name (what list_tables reports).
    std::vector<TableInfo> list() const;
    std::optional<TableRef> find(const std::string& name) const;
    TableRef table(const std::string& name) const;  // HostError when missing

    // Internal: the shared state the Hosts and the vtables use.
    detail::RegistryState& state() { return *state_; }

private:
    std::shared_ptr<detail::RegistryState> state_;
    std::unique_ptr<ThreadsTable> threads_;
};

// ---- template implementation --------------------------------------------------------------------

namespace detail {
// The value converted to T, or a HostError naming the field.
template <typename T>
T state_value_as(const StateValue& v, const std::string& field);
}  // namespace detail

template <typename T>
T EntryRef::get(const std::string& field) const {
    return detail::state_value_as<T>(get(field), field);
}

}  // namespace falcogen::host
