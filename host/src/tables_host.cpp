// Host-owned tables: the fields rules (get_table_field, add_table_field),
// entries (get, create, add, destroy, erase, clear), iteration and the reads
// and writes of values, as libsinsp's built_in_table and extensible_table do,
// in two shapes: a map keyed by int64 and libsinsp's list adapter (uint64 index).
#include "tables_internal.hpp"

namespace falcogen::host::detail {

HostTable::HostTable(std::shared_ptr<Schema> schema)
    : TableBase(schema->table_name, schema->key_type), schema_(std::move(schema)) {}

HostTable::~HostTable() = default;

// ---- fields -------------------------------------------------------------------------------------

std::vector<TableFieldInfo> HostTable::list_fields(TableOwner&) {
    std::vector<TableFieldInfo> out;
    for (const FieldDef& f : schema_->fields()) out.push_back(TableFieldInfo{f.name, f.type, f.read_only});
    return out;
}

const void* HostTable::get_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) {
    // libsinsp caches the accessors given to plugins per table, and a later
    // type mismatch on a cached one has another message. The test kit is the
    // host itself, not a plugin: it neither reads nor fills that cache.
    const bool plugin = o.host != nullptr;
    auto cached = plugin ? handed_out_.find(name) : handed_out_.end();
    if (cached != handed_out_.end()) {
        if (cached->second->type != type) {
            throw TableError("data type for field: " + name + ", requested type " + checked_type_name(type) +
                             " doesn't match actual type " + checked_type_name(cached->second->type));
        }
        return cached->second;
    }
    const FieldDef* f = schema_->find(name);
    if (schema_->shape == TableShape::List) {
        if (f == nullptr) throw TableError("field " + name + " not found");
        if (f->type != type) throw TableError("incompatible type for value_table_entry_adapter field: " + name);
    } else {
        if (f == nullptr) throw TableError("undefined field '" + name + "' in table '" + this->name() + "'");
        if (f->type != type) {
            throw TableError(std::string("incompatible data types for ") + (f->dynamic ? "dynamic" : "static") +
                             " field: " + name);
        }
    }
    if (plugin) handed_out_[name] = f;
    return f;
}

const void* HostTable::add_field(TableOwner& o, const std::string& name, ss_plugin_state_type type) {
    if (type == SS_PLUGIN_ST_TABLE) throw TableError("can't add dynamic field of type table: " + name);
    schema_->add_dynamic(name, type);
    return get_field(o, name, type);
}

const FieldDef& HostTable::checked_field(const void* field) const {
    if (!is_handle(field, HandleKind::Field)) {
        throw TableError("invalid table field: not a field accessor given out by the host");
    }
    const auto* f = static_cast<const FieldDef*>(field);
    if (f->schema != schema_.get()) {
        throw TableError("field '" + f->name + "' does not belong to table '" + name() + "'");
    }
    return *f;
}

// ---- entries ------------------------------------------------------------------------------------

EntryData& HostTable::checked_entry(void* entry) const {
    if (!is_handle(entry, HandleKind::Entry)) {
        throw TableError("invalid table entry: not an entry given out by the host, or one that no longer exists");
    }
    auto* e = static_cast<EntryData*>(entry);
    if (&e->schema() != schema_.get()) throw TableError("the entry does not belong to table '" + name() + "'");
    if (schema_->shape == TableShape::List && e->container == nullptr) {
        // libsinsp's list adapter entry has no value outside the table (it would dereference NULL).
        throw TableError("an entry of table '" + name() + "' has no value until it is added to the table");
    }
    return *e;
}

uint64_t HostTable::size(TableOwner&) {
    return count();
}

void* HostTable::get_entry(TableOwner& o, const ss_plugin_state_data& key) {
    std::shared_ptr<EntryData> e = find(key);
    if (e == nullptr) throw TableError("get_entry found no element at given key");
    o.hold(e);
    return e.get();
}

void HostTable::release_entry(TableOwner& o, void* entry) {
    o.release(entry);
}

void HostTable::refuse_during_iteration(const char* what) const {
    if (iterating_ > 0) {
        throw TableError(std::string("can't ") + what + " table '" + name() + "' while it is being iterated");
    }
}

bool HostTable::iterate(TableOwner&, const std::function<bool(void*)>& fn) {
    // The table and its entries stay alive even if the callback erases the
    // thread that holds this subtable.
    const std::shared_ptr<TableBase> keep = shared_from_this();
    const std::vector<std::shared_ptr<EntryData>> entries = snapshot();
    struct Guard {
        int& n;
        ~Guard() { --n; }
    } guard{++iterating_};
    for (const auto& e : entries) {
        if (!fn(e.get())) return false;
    }
    return true;
}

void HostTable::detach(EntryData& entry) {
    entry.container = nullptr;
}

void HostTable::clear(TableOwner&) {
    refuse_during_iteration("clear");
    for (const auto& e : snapshot()) detach(*e);
    remove_all();
}

void HostTable::erase(TableOwner&, const ss_plugin_state_data& key) {
    refuse_during_iteration("erase an entry of");
    std::shared_ptr<EntryData> e = find(key);
    if (e == nullptr || !remove(key)) throw TableError("table entry not found");
    detach(*e);
}

void* HostTable::create_entry(TableOwner& o) {
    auto e = std::make_shared<EntryData>(schema_);
    o.add_created(e);
    return e.get();
}

void HostTable::destroy_entry(TableOwner& o, void* entry) {
    if (o.take_created(entry) == nullptr) {
        throw TableError("destroy_table_entry called on entry not created by create_table_entry");
    }
}

void* HostTable::add_entry(TableOwner& o, const ss_plugin_state_data& key, void* entry) {
    refuse_during_iteration("add an entry to");
    std::shared_ptr<EntryData> e = o.take_created(entry);
    if (e == nullptr) throw TableError("add_entry called on entry not created by create_table_entry");
    if (&e->schema() != schema_.get()) {
        if (schema_->shape == TableShape::List)
            throw TableError("entry with mismatching type added to table: " + name());
        throw TableError("unknown entry type added to " + schema_->entry_noun + " table");
    }
    if (!schema_->key_field.empty()) e->write(*schema_->find(schema_->key_field), key);
    if (std::shared_ptr<EntryData> old = find(key)) detach(*old);
    insert(key, e);
    std::shared_ptr<EntryData> added = find(key);  // a list keeps its own entry at that index
    o.hold(added);
    return added.get();
}

// ---- values -------------------------------------------------------------------------------------

std::shared_ptr<HostTable> HostTable::subtable(const EntryData& entry, const FieldDef& f) {
    if (f.follows_main_thread) return main_thread_fd_table(entry, f);
    return entry.own_subtable(f);
}

void HostTable::read(TableOwner& o, void* entry, const void* field, ss_plugin_state_data& out) {
    EntryData& e = checked_entry(entry);
    const FieldDef& f = checked_field(field);
    out = ss_plugin_state_data{};
    if (f.type == SS_PLUGIN_ST_TABLE) {
        std::shared_ptr<HostTable> sub = subtable(e, f);
        if (sub == nullptr) {
            // libsinsp fails here with no message at all.
            throw TableError("the thread shares the file descriptors of its main thread, which is not in the table");
        }
        out.table = &o.subtable_handle(sub).input;
        return;
    }
    e.read(f, out);
    if (f.type == SS_PLUGIN_ST_STRING) out.str = o.keep_string(out.str);
}

void HostTable::write(TableOwner&, void* entry, const void* field, const ss_plugin_state_data& in) {
    EntryData& e = checked_entry(entry);
    const FieldDef& f = checked_field(field);
    if (f.type == SS_PLUGIN_ST_TABLE) throw TableError("writing to table fields is currently not supported");
    if (f.read_only) throw TableError("attempt to write to read-only static struct field: " + f.name);
    e.write(f, in);
}

// ---- the two shapes -----------------------------------------------------------------------------

namespace {

// threads and file_descriptors: entries by int64 key, iterated in key order.
class MapTable : public HostTable {
public:
    using HostTable::HostTable;
    ~MapTable() override {
        for (auto& kv : entries_) kv.second->container = nullptr;
    }
    std::shared_ptr<EntryData> find(const ss_plugin_state_data& key) const override {
        auto it = entries_.find(key.s64);
        return it == entries_.end() ? nullptr : it->second;
    }
    void insert(const ss_plugin_state_data& key, const std::shared_ptr<EntryData>& entry) override {
        entries_[key.s64] = entry;
        entry->container = this;
    }
    bool remove(const ss_plugin_state_data& key) override { return entries_.erase(key.s64) > 0; }
    std::vector<std::shared_ptr<EntryData>> snapshot() const override {
        std::vector<std::shared_ptr<EntryData>> out;
        out.reserve(entries_.size());
        for (const auto& kv : entries_) out.push_back(kv.second);
        return out;
    }
    void remove_all() override { entries_.clear(); }
    uint64_t count() const override { return entries_.size(); }

private:
    std::map<int64_t, std::shared_ptr<EntryData>> entries_;
};

// args, env, cgroups: libsinsp's stl_container_table_adapter over a vector.
// Adding at index k resizes the vector to k+1 (keeping the value at k if there
// was one); erasing index k shifts the ones after it.
class ListTable : public HostTable {
public:
    using HostTable::HostTable;
    ~ListTable() override {
        for (auto& e : entries_) e->container = nullptr;
    }
    std::shared_ptr<EntryData> find(const ss_plugin_state_data& key) const override {
        return key.u64 < entries_.size() ? entries_[key.u64] : nullptr;
    }
    void insert(const ss_plugin_state_data& key, const std::shared_ptr<EntryData>&) override {
        const bool existed = key.u64 < entries_.size();
        std::shared_ptr<EntryData> kept = existed ? entries_[key.u64] : nullptr;
        while (entries_.size() > key.u64 + 1) pop();
        while (entries_.size() < key.u64 + 1) push();
        if (existed) entries_[key.u64] = kept;
        for (auto& e : entries_) e->container = this;
    }
    bool remove(const ss_plugin_state_data& key) override {
        if (key.u64 >= entries_.size()) return false;
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(key.u64));
        return true;
    }
    std::vector<std::shared_ptr<EntryData>> snapshot() const override { return entries_; }
    void remove_all() override { entries_.clear(); }
    uint64_t count() const override { return entries_.size(); }

private:
    void push() { entries_.push_back(std::make_shared<EntryData>(schema_)); }
    void pop() {
        entries_.back()->container = nullptr;
        entries_.pop_back();
    }
    std::vector<std::shared_ptr<EntryData>> entries_;
};

}  // namespace

std::shared_ptr<HostTable> make_host_table(const std::shared_ptr<Schema>& schema) {
    if (schema->shape == TableShape::List) return std::make_shared<ListTable>(schema);
    return std::make_shared<MapTable>(schema);
}

}  // namespace falcogen::host::detail
