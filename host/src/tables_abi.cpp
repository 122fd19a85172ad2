// The C side of the state tables: the functions of the init input
// (list_tables, get_table, add_table), the dispatch vtables plugins get, and
// the vtables of each table handle. No exception crosses the C boundary:
// every failure is recorded as the calling owner's last error (what the
// plugin reads with get_owner_last_error) and reported by the return value
// libsinsp uses (NULL, SS_PLUGIN_FAILURE, (uint64_t)-1, false).
#include <cstring>

#include "tables_internal.hpp"

namespace falcogen::host::detail {

namespace {

void report_to_current(const std::string& message) {
    if (TableOwner* o = CallScope::current()) o->fail(message);
}

// Runs `f` on the Accessor `t` with the table lock held; a failure becomes the
// owner's last error and `on_error` is returned.
template <typename R, typename F>
R guarded(ss_plugin_table_t* t, R on_error, F&& f) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    auto* a = static_cast<Accessor*>(t);
    TableOwner* o = a->owner;
    try {
        if (o == nullptr || a->table == nullptr) {
            // An ephemeral subtable handle after its call, or a table whose owner plugin is gone.
            throw TableError("invalid table handle: it is no longer valid");
        }
        return f(*a->table, *o);
    } catch (const std::exception& e) {
        if (o != nullptr) {
            o->fail(e.what());
        } else {
            report_to_current(e.what());
        }
    } catch (...) {
        if (o != nullptr) o->fail("unknown error");
    }
    return on_error;
}

const ss_plugin_state_data& need(const ss_plugin_state_data* p, const char* what) {
    if (p == nullptr) throw TableError(std::string(what) + " is null");
    return *p;
}

// ---- the table handle's vtables (libsinsp's table_accessor) -------------------------------------

const ss_plugin_table_fieldinfo* acc_list_fields(ss_plugin_table_t* t, uint32_t* n) {
    return guarded(t, static_cast<const ss_plugin_table_fieldinfo*>(nullptr), [&](TableBase& tb, TableOwner& o) {
        auto* a = static_cast<Accessor*>(t);
        if (n == nullptr) throw TableError("nfields is null");
        a->field_list.clear();
        a->field_names.clear();
        for (const TableFieldInfo& f : tb.list_fields(o)) {
            a->field_names.push_back(f.name);
            a->field_list.push_back(
                ss_plugin_table_fieldinfo{a->field_names.back().c_str(), f.type, f.read_only ? 1u : 0u});
        }
        *n = static_cast<uint32_t>(a->field_list.size());
        return static_cast<const ss_plugin_table_fieldinfo*>(a->field_list.data());
    });
}

ss_plugin_table_field_t* acc_get_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
    return guarded(t, static_cast<ss_plugin_table_field_t*>(nullptr), [&](TableBase& tb, TableOwner& o) {
        if (name == nullptr) throw TableError("field name is null");
        return const_cast<ss_plugin_table_field_t*>(tb.get_field(o, name, type));
    });
}

ss_plugin_table_field_t* acc_add_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
    return guarded(t, static_cast<ss_plugin_table_field_t*>(nullptr), [&](TableBase& tb, TableOwner& o) {
        if (name == nullptr) throw TableError("field name is null");
        if (type == SS_PLUGIN_ST_TABLE) throw TableError("can't add dynamic field of type table: " + std::string(name));
        return const_cast<ss_plugin_table_field_t*>(tb.add_field(o, name, type));
    });
}

const char* acc_get_name(ss_plugin_table_t* t) {
    return guarded(t, static_cast<const char*>(nullptr), [&](TableBase& tb, TableOwner&) { return tb.name().c_str(); });
}

uint64_t acc_get_size(ss_plugin_table_t* t) {
    return guarded(t, uint64_t(-1), [&](TableBase& tb, TableOwner& o) { return tb.size(o); });
}

ss_plugin_table_entry_t* acc_get_entry(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
    return guarded(t, static_cast<ss_plugin_table_entry_t*>(nullptr),
                   [&](TableBase& tb, TableOwner& o) { return tb.get_entry(o, need(key, "key")); });
}

ss_plugin_rc acc_read(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                      ss_plugin_state_data* out) {
    return guarded(t, SS_PLUGIN_FAILURE, [&](TableBase& tb, TableOwner& o) {
        if (out == nullptr) throw TableError("output value is null");
        std::memset(out, 0, sizeof(*out));
        tb.read(o, e, f, *out);
        return SS_PLUGIN_SUCCESS;
    });
}

void acc_release(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) {
    guarded(t, 0, [&](TableBase& tb, TableOwner& o) {
        tb.release_entry(o, e);
        return 0;
    });
}

ss_plugin_bool acc_iterate(ss_plugin_table_t* t, ss_plugin_table_iterator_func_t it,
                           ss_plugin_table_iterator_state_t* s) {
    return guarded(t, ss_plugin_bool(0), [&](TableBase& tb, TableOwner& o) {
        if (it == nullptr) throw TableError("iterator function is null");
        return ss_plugin_bool(tb.iterate(o, [&](void* e) { return it(s, e) != 0; }) ? 1 : 0);
    });
}

ss_plugin_rc acc_clear(ss_plugin_table_t* t) {
    return guarded(t, SS_PLUGIN_FAILURE, [&](TableBase& tb, TableOwner& o) {
        tb.clear(o);
        return SS_PLUGIN_SUCCESS;
    });
}

ss_plugin_rc acc_erase(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
    return guarded(t, SS_PLUGIN_FAILURE, [&](TableBase& tb, TableOwner& o) {
        tb.erase(o, need(key, "key"));
        return SS_PLUGIN_SUCCESS;
    });
}

ss_plugin_table_entry_t* acc_create(ss_plugin_table_t* t) {
    return guarded(t, static_cast<ss_plugin_table_entry_t*>(nullptr),
                   [&](TableBase& tb, TableOwner& o) { return tb.create_entry(o); });
}

void acc_destroy(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) {
    guarded(t, 0, [&](TableBase& tb, TableOwner& o) {
        tb.destroy_entry(o, e);
        return 0;
    });
}

ss_plugin_table_entry_t* acc_add(ss_plugin_table_t* t, const ss_plugin_state_data* key, ss_plugin_table_entry_t* e) {
    return guarded(t, static_cast<ss_plugin_table_entry_t*>(nullptr),
                   [&](TableBase& tb, TableOwner& o) { return tb.add_entry(o, need(key, "key"), e); });
}

ss_plugin_rc acc_write(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                       const ss_plugin_state_data* in) {
    return guarded(t, SS_PLUGIN_FAILURE, [&](TableBase& tb, TableOwner& o) {
        tb.write(o, e, f, need(in, "input value"));
        return SS_PLUGIN_SUCCESS;
    });
}

// ---- dispatch: through the ss_plugin_table_input* the plugin holds --------------------------------

// The input behind a plugin's table pointer, or nullptr (error recorded) when
// it is not a handle the host gave out.
const ss_plugin_table_input* input_of(ss_plugin_table_t* t) {
    if (!is_handle(t, HandleKind::Table)) {
        report_to_current(t == nullptr ? "table is null" : "invalid table: not a table handle given by the host");
        return nullptr;
    }
    return static_cast<const ss_plugin_table_input*>(t);
}

const ss_plugin_table_fieldinfo* d_list_fields(ss_plugin_table_t* t, uint32_t* n) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->fields_ext->list_table_fields(in->table, n) : nullptr;
}
ss_plugin_table_field_t* d_get_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->fields_ext->get_table_field(in->table, name, type) : nullptr;
}
ss_plugin_table_field_t* d_add_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->fields_ext->add_table_field(in->table, name, type) : nullptr;
}
const char* d_get_name(ss_plugin_table_t* t) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->reader_ext->get_table_name(in->table) : nullptr;
}
uint64_t d_get_size(ss_plugin_table_t* t) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->reader_ext->get_table_size(in->table) : uint64_t(-1);
}
ss_plugin_table_entry_t* d_get_entry(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->reader_ext->get_table_entry(in->table, key) : nullptr;
}
ss_plugin_rc d_read(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                    ss_plugin_state_data* out) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->reader_ext->read_entry_field(in->table, e, f, out) : SS_PLUGIN_FAILURE;
}
void d_release(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) {
    if (const ss_plugin_table_input* in = input_of(t)) in->reader_ext->release_table_entry(in->table, e);
}
ss_plugin_bool d_iterate(ss_plugin_table_t* t, ss_plugin_table_iterator_func_t it,
                         ss_plugin_table_iterator_state_t* s) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->reader_ext->iterate_entries(in->table, it, s) : 0;
}
ss_plugin_rc d_clear(ss_plugin_table_t* t) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->writer_ext->clear_table(in->table) : SS_PLUGIN_FAILURE;
}
ss_plugin_rc d_erase(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->writer_ext->erase_table_entry(in->table, key) : SS_PLUGIN_FAILURE;
}
ss_plugin_table_entry_t* d_create(ss_plugin_table_t* t) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->writer_ext->create_table_entry(in->table) : nullptr;
}
void d_destroy(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) {
    if (const ss_plugin_table_input* in = input_of(t)) in->writer_ext->destroy_table_entry(in->table, e);
}
ss_plugin_table_entry_t* d_add(ss_plugin_table_t* t, const ss_plugin_state_data* key, ss_plugin_table_entry_t* e) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->writer_ext->add_table_entry(in->table, key, e) : nullptr;
}
ss_plugin_rc d_write(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                     const ss_plugin_state_data* v) {
    const ss_plugin_table_input* in = input_of(t);
    return in ? in->writer_ext->write_entry_field(in->table, e, f, v) : SS_PLUGIN_FAILURE;
}

// ---- the init input's functions -----------------------------------------------------------------

// Runs `f` with the owner of `o`; a failure becomes its last error.
template <typename R, typename F>
R with_owner(ss_plugin_owner_t* o, R on_error, F&& f) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    TableOwner* owner = owner_of(o);
    if (owner == nullptr) {
        report_to_current("invalid owner: not the owner given in the init input");
        return on_error;
    }
    try {
        return f(*owner);
    } catch (const std::exception& e) {
        owner->fail(e.what());
    } catch (...) {
        owner->fail("unknown error");
    }
    return on_error;
}

ss_plugin_table_info* list_tables(ss_plugin_owner_t* o, uint32_t* ntables) {
    return with_owner(o, static_cast<ss_plugin_table_info*>(nullptr), [&](TableOwner& owner) {
        if (ntables == nullptr) throw TableError("ntables is null");
        *ntables = 0;
        owner.table_infos.clear();
        owner.table_info_names.clear();
        for (const auto& kv : owner.registry->tables) owner.table_info_names.push_back(kv.first);
        for (size_t i = 0; i < owner.table_info_names.size(); ++i) {
            const auto& t = owner.registry->tables.at(owner.table_info_names[i]);
            owner.table_infos.push_back(ss_plugin_table_info{owner.table_info_names[i].c_str(), t->key_type()});
        }
        *ntables = static_cast<uint32_t>(owner.table_infos.size());
        return owner.table_infos.data();
    });
}

ss_plugin_table_t* get_table(ss_plugin_owner_t* o, const char* name, ss_plugin_state_type key_type) {
    return with_owner(o, static_cast<ss_plugin_table_t*>(nullptr), [&](TableOwner& owner) -> ss_plugin_table_t* {
        if (name == nullptr) throw TableError("table name is null");
        // As libsinsp: a table this plugin got before is returned as is, whatever the key type asked.
        if (Accessor* known = owner.find_table_handle(name)) return &known->input;
        if (!is_state_type(key_type)) {
            throw TableError("can't convert plugin state type to typeinfo: " +
                             std::to_string(static_cast<int>(key_type)));
        }
        std::shared_ptr<TableBase> t = owner.registry->get(name, key_type);
        if (t == nullptr) return nullptr;  // libsinsp sets no error for a missing table
        return &owner.table_handle(t).input;
    });
}

ss_plugin_rc add_table(ss_plugin_owner_t* o, const ss_plugin_table_input* in) {
    return with_owner(o, SS_PLUGIN_FAILURE, [&](TableOwner& owner) {
        add_plugin_table(owner, in);
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace

const ss_plugin_table_reader_vtable_ext& reader_vtable() {
    static const ss_plugin_table_reader_vtable_ext v{acc_get_name, acc_get_size, acc_get_entry,
                                                     acc_read,     acc_release,  acc_iterate};
    return v;
}

const ss_plugin_table_writer_vtable_ext& writer_vtable() {
    static const ss_plugin_table_writer_vtable_ext v{acc_clear, acc_erase, acc_create, acc_destroy, acc_add, acc_write};
    return v;
}

const ss_plugin_table_fields_vtable_ext& fields_vtable() {
    static const ss_plugin_table_fields_vtable_ext v{acc_list_fields, acc_get_field, acc_add_field};
    return v;
}

const ss_plugin_table_reader_vtable_ext& reader_dispatch() {
    static const ss_plugin_table_reader_vtable_ext v{d_get_name, d_get_size, d_get_entry, d_read, d_release, d_iterate};
    return v;
}

const ss_plugin_table_writer_vtable_ext& writer_dispatch() {
    static const ss_plugin_table_writer_vtable_ext v{d_clear, d_erase, d_create, d_destroy, d_add, d_write};
    return v;
}

const ss_plugin_table_fields_vtable_ext& fields_dispatch() {
    static const ss_plugin_table_fields_vtable_ext v{d_list_fields, d_get_field, d_add_field};
    return v;
}

ss_plugin_table_reader_vtable by_value(const ss_plugin_table_reader_vtable_ext& ext) {
    return ss_plugin_table_reader_vtable{ext.get_table_name, ext.get_table_size, ext.get_table_entry,
                                         ext.read_entry_field};
}

void fill_init_tables(InitTables& s) {
    s.fields = fields_dispatch();
    s.reader = reader_dispatch();
    s.writer = writer_dispatch();
    s.input.list_tables = list_tables;
    s.input.get_table = get_table;
    s.input.add_table = add_table;
    s.input.fields = s.fields;
    s.input.fields_ext = &s.fields;
    s.input.reader_ext = &s.reader;
    s.input.writer_ext = &s.writer;
}

}  // namespace falcogen::host::detail
