// The fields of a table kind (Schema, with libsinsp's rules for adding a
// dynamic field) and the values of an entry (EntryData).
#include <cstring>

#include "tables_internal.hpp"

namespace falcogen::host::detail {

// ---- Schema -------------------------------------------------------------------------------------

Schema::Schema(std::string table_name_, ss_plugin_state_type key_type_, TableShape shape_)
    : table_name(std::move(table_name_)), key_type(key_type_), shape(shape_) {}

Schema::~Schema() {
    for (const FieldDef& f : fields_) unregister_handle(&f);
}

FieldDef& Schema::append(FieldDef def) {
    def.schema = this;
    fields_.push_back(std::move(def));
    FieldDef& f = fields_.back();
    by_name_[f.name] = &f;
    register_handle(&f, HandleKind::Field);
    return f;
}

const FieldDef& Schema::add_static(const std::string& name, ss_plugin_state_type type, bool read_only) {
    FieldDef def;
    def.name = name;
    def.type = type;
    def.read_only = read_only;
    def.index = static_slots_++;
    return append(std::move(def));
}

const FieldDef& Schema::add_blob(const std::string& name, ss_plugin_state_type type, size_t offset) {
    FieldDef def;
    def.name = name;
    def.type = type;
    def.storage = Storage::Blob;
    def.index = offset;
    return append(std::move(def));
}

const FieldDef& Schema::add_subtable(const std::string& name, std::shared_ptr<Schema> kind, bool follows_main_thread) {
    FieldDef def;
    def.name = name;
    def.type = SS_PLUGIN_ST_TABLE;
    def.read_only = true;
    def.storage = Storage::Subtable;
    def.index = subtables.size();
    def.follows_main_thread = follows_main_thread;
    subtables.push_back(std::move(kind));
    return append(std::move(def));
}

const FieldDef& Schema::add_dynamic(const std::string& name, ss_plugin_state_type type) {
    if (shape == TableShape::List) throw TableError("can't add dynamic fields to stl_container_table_adapter");
    if (!is_state_type(type)) {
        // libsinsp accepts the field and fails on its first read; the host refuses it now.
        throw TableError("can't convert plugin state type to typeinfo: " + std::to_string(static_cast<int>(type)));
    }
    if (type == SS_PLUGIN_ST_TABLE) throw TableError("dynamic fields of type table are not supported");
    const FieldDef* existing = find(name);
    if (existing != nullptr && !existing->dynamic) {
        throw TableError("can't add dynamic field already defined as static: " + name);
    }
    if (existing != nullptr) {
        if (existing->type != type) {
            throw TableError("multiple definitions of dynamic field with different types in struct: " + name +
                             ", prevtype=" + checked_type_name(existing->type) +
                             ", newtype=" + checked_type_name(type));
        }
        return *existing;
    }
    FieldDef def;
    def.name = name;
    def.type = type;
    def.dynamic = true;
    def.index = static_slots_ + dynamic_count_++;
    return append(std::move(def));
}

const FieldDef* Schema::find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

// ---- EntryData ----------------------------------------------------------------------------------

namespace {

size_t width_of(ss_plugin_state_type type) {
    switch (type) {
        case SS_PLUGIN_ST_INT8:
        case SS_PLUGIN_ST_UINT8: return 1;
        case SS_PLUGIN_ST_INT16:
        case SS_PLUGIN_ST_UINT16: return 2;
        case SS_PLUGIN_ST_INT32:
        case SS_PLUGIN_ST_UINT32: return 4;
        default: return 8;
    }
}

// The member of `in` that `type` selects, alone (the rest of the union zero).
ss_plugin_state_data only_member(ss_plugin_state_type type, const ss_plugin_state_data& in) {
    ss_plugin_state_data out{};
    switch (type) {
        case SS_PLUGIN_ST_BOOL: out.b = in.b != 0 ? 1 : 0; break;
        case SS_PLUGIN_ST_STRING:
        case SS_PLUGIN_ST_TABLE: break;
        default: std::memcpy(&out, &in, width_of(type)); break;
    }
    return out;
}

}  // namespace

EntryData::EntryData(const std::shared_ptr<Schema>& schema) : schema_(schema) {
    slots_.resize(schema->static_slots());
    blob_.assign(schema->blob_size, 0);
    for (const auto& kind : schema->subtables) subtables_.push_back(make_host_table(kind));
    set_entry_defaults(*this);
    register_handle(this, HandleKind::Entry);
}

EntryData::~EntryData() {
    unregister_handle(this);
}

void EntryData::read(const FieldDef& f, ss_plugin_state_data& out) const {
    out = ss_plugin_state_data{};
    if (f.storage == Storage::Blob) {
        std::memcpy(&out, blob_.data() + f.index, width_of(f.type));
        return;
    }
    if (f.index >= slots_.size()) {
        // A dynamic field never written: zero, or "" for a string (libsinsp's default).
        if (f.type == SS_PLUGIN_ST_STRING) out.str = "";
        return;
    }
    const Slot& s = slots_[f.index];
    if (f.type == SS_PLUGIN_ST_STRING) {
        out.str = s.str.c_str();
    } else {
        out = s.data;
    }
}

void EntryData::write(const FieldDef& f, const ss_plugin_state_data& in) {
    if (f.storage == Storage::Blob) {
        std::memcpy(blob_.data() + f.index, &in, width_of(f.type));
        return;
    }
    if (f.index >= slots_.size()) slots_.resize(f.index + 1);
    Slot& s = slots_[f.index];
    if (f.type == SS_PLUGIN_ST_STRING) {
        s.str = in.str != nullptr ? in.str : "";  // libsinsp writes "" for a NULL string
    } else {
        s.data = only_member(f.type, in);
    }
}

const std::string& EntryData::string_value(const FieldDef& f) const {
    static const std::string empty;
    return f.index < slots_.size() ? slots_[f.index].str : empty;
}

}  // namespace falcogen::host::detail
