// Imported tables: resolving the manifest's declarations in plugin_init, and
// the entry operations behind falcogen::Table and falcogen::TableEntry.
#include "falcogen/tables.hpp"

#include <exception>

#include "falcogen/error.hpp"

namespace falcogen::detail {

const char* state_type_name(ss_plugin_state_type type) {
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
    return "an unknown type";
}

std::string TableCalls::host_error() const {
    if (owner_error == nullptr) return "";
    const char* text = owner_error(owner);
    return text != nullptr ? text : "";
}

namespace {

std::string quoted(const char* s) {
    return std::string("'") + (s != nullptr ? s : "") + "'";
}

std::string with_host_error(std::string message, const TableCalls& calls) {
    const std::string host = calls.host_error();
    if (!host.empty()) message += ": " + host;
    return message;
}

}  // namespace

const ss_plugin_table_reader_vtable_ext& TableKind::reader() const {
    if (calls->reader == nullptr) {
        throw Error("table " + quoted(decl->path) + " used outside parse, extract or init (entries live for one call)");
    }
    return *calls->reader;
}

const ss_plugin_table_writer_vtable_ext& TableKind::writer() const {
    if (calls->writer == nullptr) {
        throw Error("table " + quoted(decl->path) + " written outside parse or init (extraction only reads tables)");
    }
    return *calls->writer;
}

void TableKind::fail(const char* what, uint32_t field) const {
    std::string message = std::string(what) + " ";
    if (field < decl->field_count) message += "field " + quoted(decl->fields[field].name) + " of ";
    message += "table " + quoted(decl->path);
    throw Error(with_host_error(message + " failed", *calls));
}

// ---- Resolution (plugin_init) ---------------------------------------------------------------------

namespace {

struct Resolver {
    const TableDecl* decls;
    const ss_plugin_init_tables_input& input;
    TableKinds& kinds;
    TableCalls& calls;

    void field(TableKind& kind, ss_plugin_table_t* t, uint32_t i) {
        const TableFieldDecl& f = kind.decl->fields[i];
        const auto* vtable = input.fields_ext;
        ss_plugin_table_field_t* handle =
            f.add ? vtable->add_table_field(t, f.name, f.type) : vtable->get_table_field(t, f.name, f.type);
        if (handle == nullptr) {
            const std::string what = f.add ? "cannot add field " : "the host has no field ";
            throw Error(with_host_error(
                what + quoted(f.name) + " of type " + state_type_name(f.type) + " to table " + quoted(kind.decl->path),
                calls));
        }
        kind.fields[i] = handle;
        if (f.subtable >= 0) subtable(kind, t, i);
    }

    // A subtable's fields are the same for every entry: they are resolved on
    // the subtable of an entry created for the purpose, then destroyed.
    void subtable(TableKind& parent, ss_plugin_table_t* t, uint32_t i) {
        TableKind& kind = make(parent.decl->fields[i].subtable);
        parent.subtables[i] = &kind;
        ss_plugin_table_entry_t* e = input.writer_ext->create_table_entry(t);
        if (e == nullptr) parent.fail("creating an entry (to reach a subtable) of");
        ss_plugin_state_data out{};
        const bool read = input.reader_ext->read_entry_field(t, e, parent.fields[i], &out) == SS_PLUGIN_SUCCESS;
        try {
            if (!read || out.table == nullptr) parent.fail("reading subtable", i);
            fields(kind, out.table);
        } catch (...) {
            input.writer_ext->destroy_table_entry(t, e);
            throw;
        }
        input.writer_ext->destroy_table_entry(t, e);
    }

    void fields(TableKind& kind, ss_plugin_table_t* t) {
        for (uint32_t i = 0; i < kind.decl->field_count; ++i) field(kind, t, i);
    }

    TableKind& make(int32_t decl) {
        auto kind = std::make_unique<TableKind>();
        kind->decl = &decls[decl];
        kind->fields.assign(kind->decl->field_count, nullptr);
        kind->subtables.assign(kind->decl->field_count, nullptr);
        kind->calls = &calls;
        kinds[static_cast<size_t>(decl)] = std::move(kind);
        return *kinds[static_cast<size_t>(decl)];
    }

    void table(int32_t decl) {
        TableKind& kind = make(decl);
        kind.table = input.get_table(calls.owner, kind.decl->name, kind.decl->key_type);
        if (kind.table == nullptr) {
            throw Error(with_host_error("the host has no table " + quoted(kind.decl->name) + " with " +
                                            state_type_name(kind.decl->key_type) + " keys",
                                        calls));
        }
        fields(kind, kind.table);
    }
};

}  // namespace

void resolve_tables(const TableDecl* decls, uint32_t count, const ss_plugin_init_tables_input& input, TableKinds& out,
                    TableCalls& calls) {
    if (input.get_table == nullptr || input.fields_ext == nullptr || input.reader_ext == nullptr ||
        input.writer_ext == nullptr) {
        throw Error("the host's table API is incomplete (state tables need plugin API 3.1 or later)");
    }
    out.clear();
    out.resize(count);
    Resolver resolver{decls, input, out, calls};
    for (uint32_t i = 0; i < count; ++i) {
        if (decls[i].top_level) resolver.table(static_cast<int32_t>(i));
    }
}

// ---- Entries -------------------------------------------------------------------------------------

ss_plugin_table_entry_t* find_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key) {
    // A host reports a missing key as NULL with a message: both mean "no entry".
    return kind.reader().get_table_entry(t, &key);
}

uint64_t count_entries(const TableKind& kind, ss_plugin_table_t* t) {
    const uint64_t n = kind.reader().get_table_size(t);
    if (n == UINT64_MAX) kind.fail("counting the entries of");
    return n;
}

ss_plugin_table_entry_t* add_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key) {
    const auto& writer = kind.writer();
    ss_plugin_table_entry_t* created = writer.create_table_entry(t);
    if (created == nullptr) kind.fail("creating an entry of");
    ss_plugin_table_entry_t* added = writer.add_table_entry(t, &key, created);
    if (added == nullptr) {
        writer.destroy_table_entry(t, created);
        kind.fail("adding an entry to");
    }
    return added;
}

bool erase_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key) {
    if (kind.writer().erase_table_entry(t, &key) == SS_PLUGIN_SUCCESS) return true;
    // Failure: a missing key, or a refusal (e.g. during an iteration).
    ss_plugin_table_entry_t* e = find_entry(kind, t, key);
    if (e == nullptr) return false;
    kind.reader().release_table_entry(t, e);
    kind.fail("erasing an entry of");
}

void clear_entries(const TableKind& kind, ss_plugin_table_t* t) {
    if (kind.writer().clear_table(t) != SS_PLUGIN_SUCCESS) kind.fail("clearing");
}

namespace {

struct Iteration {
    EntryVisitor visit;
    void* context;
    std::exception_ptr error;  // thrown by visit: no exception crosses the host's frames
};

ss_plugin_bool visit_entry(ss_plugin_table_iterator_state_t* state, ss_plugin_table_entry_t* e) {
    auto& iteration = *static_cast<Iteration*>(state);
    try {
        return iteration.visit(iteration.context, e) ? 1 : 0;
    } catch (...) {
        iteration.error = std::current_exception();
        return 0;
    }
}

}  // namespace

void iterate_entries(const TableKind& kind, ss_plugin_table_t* t, EntryVisitor visit, void* context) {
    Iteration iteration{visit, context, nullptr};
    kind.reader().iterate_entries(t, &visit_entry, &iteration);
    if (iteration.error) std::rethrow_exception(iteration.error);
}

}  // namespace falcogen::detail

namespace falcogen {

TableEntry& TableEntry::operator=(TableEntry&& other) noexcept {
    if (this != &other) {
        release();
        kind_ = other.kind_;
        table_ = other.table_;
        entry_ = other.entry_;
        owned_ = other.owned_;
        other.owned_ = false;
    }
    return *this;
}

void TableEntry::read_raw(uint32_t field, ss_plugin_state_data& out) const {
    if (kind_->reader().read_entry_field(table_, entry_, kind_->fields[field], &out) != SS_PLUGIN_SUCCESS) {
        kind_->fail("reading", field);
    }
}

void TableEntry::write_raw(uint32_t field, const ss_plugin_state_data& in) const {
    if (kind_->writer().write_entry_field(table_, entry_, kind_->fields[field], &in) != SS_PLUGIN_SUCCESS) {
        kind_->fail("writing", field);
    }
}

void TableEntry::write_field(uint32_t field, std::string_view value) const {
    std::string& text = kind_->calls->text;
    text.assign(value.data(), value.size());
    ss_plugin_state_data data{};
    data.str = text.c_str();
    write_raw(field, data);
}

void TableEntry::release() noexcept {
    if (owned_ && kind_->calls->reader != nullptr) kind_->calls->reader->release_table_entry(table_, entry_);
    owned_ = false;
}

}  // namespace falcogen
