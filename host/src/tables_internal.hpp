// The state tables behind tables.hpp (not installed): field definitions shared
// by the entries of a table kind, entries, host-owned and plugin-owned tables,
// the per-plugin bookkeeping libsinsp keeps (handles, entries held during a
// call, string copies) and the process-wide set of live handles that lets
// every vtable function refuse a stale or foreign pointer instead of crashing.
#pragma once

#include <falcogen/host/tables.hpp>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace falcogen::host::detail {

// A refused table operation; its message is what the plugin reads with
// get_owner_last_error (the vtable functions catch it at the C boundary).
struct TableError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// libsinsp's type_name(): throws for a value that is not a state type.
const char* checked_type_name(ss_plugin_state_type type);
bool is_state_type(ss_plugin_state_type type);

// ---- live handles -------------------------------------------------------------------------------

// Every pointer the host hands a plugin (owner, table, entry, field) is
// registered here while it is valid, so a vtable function checks it before
// touching it. One process-wide recursive lock serializes every table
// operation: plugins may call the vtables from any thread, and an iteration
// callback may call back into the vtables.
enum class HandleKind { Owner, Table, Entry, Field };
std::recursive_mutex& table_mutex();
void register_handle(const void* p, HandleKind kind);
void unregister_handle(const void* p);
bool is_handle(const void* p, HandleKind kind);

// ---- field definitions --------------------------------------------------------------------------

class Schema;

// Where an entry keeps a field's value.
enum class Storage {
    Slot,  // its own slot (every dynamic field, most static ones)
    Blob,  // bytes of the entry's blob, shared by overlapping fields (the fd's socket union)
    Subtable,  // one of the entry's subtables
};

// A field of a table kind; its address is the ss_plugin_table_field_t* plugins hold.
struct FieldDef {
    std::string name;
    ss_plugin_state_type type = SS_PLUGIN_ST_INT8;
    bool read_only = false;
    bool dynamic = false;
    Storage storage = Storage::Slot;
    size_t index = 0;  // slot number, byte offset in the blob, or subtable number
    bool follows_main_thread = false;  // file_descriptors: the main thread's table for PPM_CL_CLONE_FILES threads
    const Schema* schema = nullptr;
};

enum class TableShape {
    Map,  // int64 keys (threads, file_descriptors)
    List,  // uint64 index keys into a vector (args, env, cgroups), as libsinsp's stl_container_table_adapter
};

// The fields of one table kind, shared by all its tables and entries: a field
// added to one file_descriptors table exists in every one, as in libsinsp.
class Schema {
public:
    Schema(std::string table_name, ss_plugin_state_type key_type, TableShape shape);
    ~Schema();
    Schema(const Schema&) = delete;
    Schema& operator=(const Schema&) = delete;

    const std::string table_name;
    const ss_plugin_state_type key_type;
    const TableShape shape;
    std::string key_field;  // the field add_table_entry sets to the key ("tid", "fd"), or ""
    std::string entry_noun;  // "thread", "fd": in "unknown entry type added to thread table"
    size_t blob_size = 0;
    std::vector<std::shared_ptr<Schema>> subtables;  // schema of the subtable #i of each entry

    const FieldDef& add_static(const std::string& name, ss_plugin_state_type type, bool read_only = false);
    const FieldDef& add_blob(const std::string& name, ss_plugin_state_type type, size_t offset);
    const FieldDef& add_subtable(const std::string& name, std::shared_ptr<Schema> kind, bool follows_main_thread);
    // add_table_field's rules (static name, other type, table type, list tables).
    const FieldDef& add_dynamic(const std::string& name, ss_plugin_state_type type);
    const FieldDef* find(const std::string& name) const;
    const std::deque<FieldDef>& fields() const { return fields_; }
    size_t static_slots() const { return static_slots_; }

private:
    FieldDef& append(FieldDef def);
    std::deque<FieldDef> fields_;  // stable addresses: they are handles
    std::unordered_map<std::string, FieldDef*> by_name_;
    size_t static_slots_ = 0;
    size_t dynamic_count_ = 0;
};

// ---- entries ------------------------------------------------------------------------------------

class HostTable;
class TableOwner;

struct Slot {
    ss_plugin_state_data data{};
    std::string str;  // the value of a string field
};

// An entry of a host-owned table; its address is the ss_plugin_table_entry_t*.
class EntryData : public std::enable_shared_from_this<EntryData> {
public:
    explicit EntryData(const std::shared_ptr<Schema>& schema);
    ~EntryData();
    EntryData(const EntryData&) = delete;
    EntryData& operator=(const EntryData&) = delete;

    const Schema& schema() const { return *schema_; }
    // The table holding the entry (nullptr while created but not added, or
    // after it was erased).
    HostTable* container = nullptr;

    void read(const FieldDef& f, ss_plugin_state_data& out) const;  // strings: out.str points into the entry
    void write(const FieldDef& f, const ss_plugin_state_data& in);
    const std::string& string_value(const FieldDef& f) const;
    std::shared_ptr<HostTable> own_subtable(const FieldDef& f) const { return subtables_.at(f.index); }

private:
    std::shared_ptr<Schema> schema_;
    std::vector<Slot> slots_;  // static slots first; dynamic ones grow when first written
    std::vector<uint8_t> blob_;
    std::vector<std::shared_ptr<HostTable>> subtables_;
};

// ---- tables -------------------------------------------------------------------------------------

// A table as the vtables see it (libsinsp's base_table). Failures throw TableError.
class TableBase : public std::enable_shared_from_this<TableBase> {
public:
    TableBase(std::string name, ss_plugin_state_type key_type) : name_(std::move(name)), key_type_(key_type) {}
    virtual ~TableBase() = default;
    TableBase(const TableBase&) = delete;
    TableBase& operator=(const TableBase&) = delete;

    const std::string& name() const { return name_; }
    ss_plugin_state_type key_type() const { return key_type_; }
    virtual std::string owner_name() const = 0;
    // The Host of the plugin that registered the table (nullptr: the host's own).
    virtual const Host* owner_host() const { return nullptr; }
    // The owner plugin is going away: every later operation fails.
    virtual void detach_owner() {}

    virtual std::vector<TableFieldInfo> list_fields(TableOwner& o) = 0;
    virtual const void* get_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) = 0;
    virtual const void* add_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) = 0;
    virtual uint64_t size(TableOwner& o) = 0;
    virtual void* get_entry(TableOwner& o, const ss_plugin_state_data& key) = 0;  // throws when missing
    virtual void release_entry(TableOwner& o, void* entry) = 0;
    // Calls fn per entry until it returns false; false when it stopped early.
    virtual bool iterate(TableOwner& o, const std::function<bool(void*)>& fn) = 0;
    virtual void clear(TableOwner& o) = 0;
    virtual void erase(TableOwner& o, const ss_plugin_state_data& key) = 0;
    virtual void* create_entry(TableOwner& o) = 0;
    virtual void destroy_entry(TableOwner& o, void* entry) = 0;
    virtual void* add_entry(TableOwner& o, const ss_plugin_state_data& key, void* entry) = 0;
    // A string read is a copy kept by `o` until its call ends; a table read is a handle of `o`.
    virtual void read(TableOwner& o, void* entry, const void* field, ss_plugin_state_data& out) = 0;
    virtual void write(TableOwner& o, void* entry, const void* field, const ss_plugin_state_data& in) = 0;

private:
    std::string name_;
    ss_plugin_state_type key_type_;
};

// A table the host owns: the fields of its schema, entries of type EntryData.
class HostTable : public TableBase {
public:
    explicit HostTable(std::shared_ptr<Schema> schema);
    ~HostTable() override;
    Schema& schema() const { return *schema_; }

    std::string owner_name() const override { return "host"; }
    std::vector<TableFieldInfo> list_fields(TableOwner& o) override;
    const void* get_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) override;
    const void* add_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) override;
    uint64_t size(TableOwner& o) override;
    void* get_entry(TableOwner& o, const ss_plugin_state_data& key) override;
    void release_entry(TableOwner& o, void* entry) override;
    bool iterate(TableOwner& o, const std::function<bool(void*)>& fn) override;
    void clear(TableOwner& o) override;
    void erase(TableOwner& o, const ss_plugin_state_data& key) override;
    void* create_entry(TableOwner& o) override;
    void destroy_entry(TableOwner& o, void* entry) override;
    void* add_entry(TableOwner& o, const ss_plugin_state_data& key, void* entry) override;
    void read(TableOwner& o, void* entry, const void* field, ss_plugin_state_data& out) override;
    void write(TableOwner& o, void* entry, const void* field, const ss_plugin_state_data& in) override;

    // The table a table field of `entry` holds (nullptr: none, e.g. a thread
    // sharing the fds of a main thread that is not in the table).
    std::shared_ptr<HostTable> subtable(const EntryData& entry, const FieldDef& f);
    EntryData& checked_entry(void* entry) const;
    const FieldDef& checked_field(const void* field) const;

    // The shape: keyed storage of the entries.
    virtual std::shared_ptr<EntryData> find(const ss_plugin_state_data& key) const = 0;
    virtual void insert(const ss_plugin_state_data& key, const std::shared_ptr<EntryData>& entry) = 0;
    virtual bool remove(const ss_plugin_state_data& key) = 0;
    virtual std::vector<std::shared_ptr<EntryData>> snapshot() const = 0;
    virtual void remove_all() = 0;
    virtual uint64_t count() const = 0;

protected:
    void detach(EntryData& entry);
    std::shared_ptr<Schema> schema_;

private:
    void refuse_during_iteration(const char* what) const;
    std::unordered_map<std::string, const FieldDef*> handed_out_;  // libsinsp's per-table accessor cache
    int iterating_ = 0;
};

std::shared_ptr<HostTable> make_host_table(const std::shared_ptr<Schema>& schema);

// The schemas of the threads table and its subtables (tables_threads.cpp).
std::shared_ptr<Schema> make_threads_schema();
// file_descriptors of a thread that shares its main thread's fds.
std::shared_ptr<HostTable> main_thread_fd_table(const EntryData& thread, const FieldDef& f);
// The values of a new entry of a threads or file_descriptors table (libsinsp's defaults).
void set_entry_defaults(EntryData& e);

// ---- per-plugin bookkeeping ---------------------------------------------------------------------

// What a plugin holds as ss_plugin_table_t*: &input (so the handle is also an
// ss_plugin_table_input*, as in libsinsp), with input.table pointing back here.
struct Accessor {
    Accessor();
    ~Accessor();
    Accessor(const Accessor&) = delete;
    Accessor& operator=(const Accessor&) = delete;
    void set(TableOwner* o, std::shared_ptr<TableBase> t);

    ss_plugin_table_input input{};
    TableOwner* owner = nullptr;
    std::shared_ptr<TableBase> table;  // nullptr: a subtable slot not in use
    std::vector<ss_plugin_table_fieldinfo> field_list;  // the last list_table_fields answer through it
    std::deque<std::string> field_names;
};

struct RegistryState;

// One per Host (one per plugin), and one for the test kit: the handles it
// got, the entries held during the current call, its last error.
class TableOwner {
public:
    TableOwner(std::string name, Host* host, RegistryState* registry, uint32_t api_minor, bool verbose);
    ~TableOwner();
    TableOwner(const TableOwner&) = delete;
    TableOwner& operator=(const TableOwner&) = delete;

    const std::string name;  // the plugin's name, or "host"
    Host* const host;  // nullptr for the test kit
    RegistryState* registry;
    const uint32_t api_minor;  // of the plugin's required API version (add_table's vtable rules)
    const bool verbose;
    std::string last_error;
    std::string* error_sink = nullptr;  // the Host's owner error, read by get_owner_last_error

    void fail(const std::string& message);  // records the error of a refused call
    Accessor& table_handle(const std::shared_ptr<TableBase>& table);  // get_table: one per name
    Accessor* find_table_handle(const std::string& name);  // the handle an earlier get_table gave, or nullptr
    Accessor& subtable_handle(const std::shared_ptr<TableBase>& table);  // read of a table field
    const char* keep_string(const std::string& s);
    void hold(std::shared_ptr<EntryData> entry);
    void release(const void* entry);
    void add_created(std::shared_ptr<EntryData> entry);
    std::shared_ptr<EntryData> take_created(const void* entry);
    size_t held_count() const;  // entries got and not released yet
    // The handles on a table that left the registry fail from now on.
    void unset_tables_of(const TableBase* table);
    // The end of a plugin call: held entries released, created ones dropped,
    // subtable handles unset, string copies freed (libsinsp's garbage collection).
    void end_call();
    std::vector<ss_plugin_table_info> table_infos;  // list_tables' answer
    std::vector<std::string> table_info_names;

private:
    std::map<std::string, std::unique_ptr<Accessor>> tables_;
    std::deque<Accessor> subtables_;
    size_t subtables_used_ = 0;
    std::vector<std::shared_ptr<EntryData>> held_;
    std::vector<std::shared_ptr<EntryData>> created_;
    std::deque<std::string> strings_;
};

// The plugin call in progress on this thread: a vtable call with a stale or
// NULL table handle reports its error to this owner.
class CallScope {
public:
    explicit CallScope(TableOwner& owner);
    ~CallScope();
    CallScope(const CallScope&) = delete;
    CallScope& operator=(const CallScope&) = delete;
    static TableOwner* current();
    static TableOwner* swap_current(TableOwner* o);  // returns the previous one

private:
    TableOwner& owner_;
    TableOwner* previous_;
};

// One plugin call (init, parse, extract): the vtables of its input, the call
// scope, and libsinsp's garbage collection when it ends.
struct TableCall {
    explicit TableCall(TableOwner* owner);
    ~TableCall();
    TableCall(const TableCall&) = delete;
    TableCall& operator=(const TableCall&) = delete;
    ss_plugin_table_reader_vtable_ext reader;
    ss_plugin_table_writer_vtable_ext writer;

private:
    TableOwner* owner_;
    TableOwner* previous_;
};

// ---- the registry -------------------------------------------------------------------------------

struct RegistryState {
    RegistryState();
    ~RegistryState();
    std::map<std::string, std::shared_ptr<TableBase>> tables;  // by name
    std::shared_ptr<HostTable> threads;
    std::shared_ptr<TableOwner> kit;  // the test kit's owner
    std::vector<TableOwner*> owners;  // the plugins' owners (Hosts register and unregister theirs)

    // libsinsp's registry rules: a duplicate name is refused.
    void add(const std::shared_ptr<TableBase>& table);
    // get_table: NULL when missing, an error for another key type.
    std::shared_ptr<TableBase> get(const std::string& name, ss_plugin_state_type key_type) const;
    // Before the plugin is destroyed: its tables leave the registry, and the
    // handles other plugins hold on them fail from now on.
    void drop_tables_of(const Host* host);
};

// add_table: checks the input as libsinsp does and registers the wrapper.
void add_plugin_table(TableOwner& owner, const ss_plugin_table_input* in);

// The vtables of an Accessor's input (what libsinsp's table_accessor has):
// they take the Accessor as ss_plugin_table_t* (tables_abi.cpp).
const ss_plugin_table_reader_vtable_ext& reader_vtable();
const ss_plugin_table_writer_vtable_ext& writer_vtable();
const ss_plugin_table_fields_vtable_ext& fields_vtable();
// The vtables the host gives plugins in the init, parse and extract inputs:
// they take the ss_plugin_table_input* a plugin holds and dispatch through it.
const ss_plugin_table_reader_vtable_ext& reader_dispatch();
const ss_plugin_table_writer_vtable_ext& writer_dispatch();
const ss_plugin_table_fields_vtable_ext& fields_dispatch();
ss_plugin_table_reader_vtable by_value(const ss_plugin_table_reader_vtable_ext& ext);
// The init input's table part.
struct InitTables {
    ss_plugin_init_tables_input input{};
    ss_plugin_table_fields_vtable_ext fields{};
    ss_plugin_table_reader_vtable_ext reader{};
    ss_plugin_table_writer_vtable_ext writer{};
};
void fill_init_tables(InitTables& storage);
// The owner of the plugin whose Host is `o` (nullptr: not a live owner).
TableOwner* owner_of(ss_plugin_owner_t* o);

// The conversions of the test kit (tables_values.cpp).
ss_plugin_state_data to_state_data(const StateValue& v, ss_plugin_state_type type, std::string& storage,
                                   const std::string& what);
StateValue from_state_data(const ss_plugin_state_data& d, ss_plugin_state_type type);

}  // namespace falcogen::host::detail
