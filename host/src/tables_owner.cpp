// Per-plugin bookkeeping (handles, entries held during a call, string copies,
// the last error), the registry of tables, and the current call's owner.
#include <algorithm>

#include "tables_internal.hpp"

namespace falcogen::host::detail {

// ---- Accessor -----------------------------------------------------------------------------------

Accessor::Accessor() {
    input.table = this;
    input.key_type = SS_PLUGIN_ST_INT8;
    input.reader_ext = const_cast<ss_plugin_table_reader_vtable_ext*>(&reader_vtable());
    input.writer_ext = const_cast<ss_plugin_table_writer_vtable_ext*>(&writer_vtable());
    input.fields_ext = const_cast<ss_plugin_table_fields_vtable_ext*>(&fields_vtable());
    // The by-value copies, as libsinsp fills them for older plugins.
    input.reader = by_value(reader_vtable());
    input.writer = writer_vtable();
    input.fields = fields_vtable();
    register_handle(&input, HandleKind::Table);  // the pointer plugins hold
}

Accessor::~Accessor() {
    unregister_handle(&input);
}

void Accessor::set(TableOwner* o, std::shared_ptr<TableBase> t) {
    owner = o;
    table = std::move(t);
    input.name = table != nullptr ? table->name().c_str() : nullptr;
    input.key_type = table != nullptr ? table->key_type() : SS_PLUGIN_ST_INT8;
}

// ---- TableOwner ---------------------------------------------------------------------------------

namespace {

// The owners of live Hosts, by Host (the ss_plugin_owner_t* plugins get).
std::unordered_map<const void*, TableOwner*>& owners_by_host() {
    static auto* m = new std::unordered_map<const void*, TableOwner*>;
    return *m;
}

}  // namespace

TableOwner::TableOwner(std::string name_, Host* host_, RegistryState* registry_, uint32_t api_minor_, bool verbose_)
    : name(std::move(name_)), host(host_), registry(registry_), api_minor(api_minor_), verbose(verbose_) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    register_handle(this, HandleKind::Owner);
    if (host != nullptr) {
        owners_by_host()[host] = this;
        registry->owners.push_back(this);
    }
}

TableOwner::~TableOwner() {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    unregister_handle(this);
    if (host != nullptr) {
        owners_by_host().erase(host);
        auto& v = registry->owners;
        v.erase(std::remove(v.begin(), v.end(), this), v.end());
    }
}

TableOwner* owner_of(ss_plugin_owner_t* o) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    auto it = owners_by_host().find(o);
    return it == owners_by_host().end() ? nullptr : it->second;
}

void TableOwner::fail(const std::string& message) {
    last_error = message;
    if (error_sink != nullptr) *error_sink = message;
}

Accessor& TableOwner::table_handle(const std::shared_ptr<TableBase>& table) {
    std::unique_ptr<Accessor>& a = tables_[table->name()];
    if (a == nullptr) a = std::make_unique<Accessor>();
    // A table dropped and registered again under the same name gets the same handle.
    if (a->table != table) a->set(this, table);
    return *a;
}

Accessor* TableOwner::find_table_handle(const std::string& table_name) {
    auto it = tables_.find(table_name);
    return it == tables_.end() || it->second->table == nullptr ? nullptr : it->second.get();
}

Accessor& TableOwner::subtable_handle(const std::shared_ptr<TableBase>& table) {
    // Ephemeral, as libsinsp's: the slots are reused after the call ends.
    if (subtables_used_ == subtables_.size()) subtables_.emplace_back();
    Accessor& a = subtables_[subtables_used_++];
    a.set(this, table);
    return a;
}

const char* TableOwner::keep_string(const std::string& s) {
    strings_.push_back(s);
    return strings_.back().c_str();
}

void TableOwner::hold(std::shared_ptr<EntryData> entry) {
    if (host == nullptr) return;  // the test kit keeps its entries through EntryRef
    held_.push_back(std::move(entry));
}

void TableOwner::release(const void* entry) {
    for (size_t i = 0; i < held_.size(); ++i) {
        if (held_[i].get() == entry) {
            held_[i] = std::move(held_.back());
            held_.pop_back();
            return;
        }
    }
}

void TableOwner::add_created(std::shared_ptr<EntryData> entry) {
    created_.push_back(std::move(entry));
}

std::shared_ptr<EntryData> TableOwner::take_created(const void* entry) {
    auto it = std::find_if(created_.begin(), created_.end(), [&](const auto& e) { return e.get() == entry; });
    if (it == created_.end()) return nullptr;
    std::shared_ptr<EntryData> e = std::move(*it);
    created_.erase(it);
    return e;
}

size_t TableOwner::held_count() const {
    return held_.size();
}

void TableOwner::end_call() {
    held_.clear();
    created_.clear();
    for (size_t i = 0; i < subtables_used_; ++i) subtables_[i].set(this, nullptr);
    subtables_used_ = 0;
    strings_.clear();
}

void TableOwner::unset_tables_of(const TableBase* table) {
    for (auto& kv : tables_) {
        if (kv.second->table.get() == table) kv.second->set(this, nullptr);
    }
}

// ---- CallScope ----------------------------------------------------------------------------------

namespace {
thread_local TableOwner* current_owner = nullptr;
}  // namespace

CallScope::CallScope(TableOwner& owner) : owner_(owner), previous_(current_owner) {
    current_owner = &owner_;
}

CallScope::~CallScope() {
    current_owner = previous_;
}

TableOwner* CallScope::current() {
    return current_owner;
}

TableOwner* CallScope::swap_current(TableOwner* o) {
    TableOwner* previous = current_owner;
    current_owner = o;
    return previous;
}

// ---- RegistryState ------------------------------------------------------------------------------

RegistryState::RegistryState() : threads(make_host_table(make_threads_schema())) {
    tables["threads"] = threads;
    kit = std::make_shared<TableOwner>("host", nullptr, this, 12, false);
}

RegistryState::~RegistryState() = default;

void RegistryState::add(const std::shared_ptr<TableBase>& table) {
    if (table == nullptr) throw TableError("null table added to registry");
    if (tables.count(table->name()) != 0) {
        throw TableError("table added to registry multiple times: " + table->name());
    }
    tables[table->name()] = table;
}

std::shared_ptr<TableBase> RegistryState::get(const std::string& name, ss_plugin_state_type key_type) const {
    auto it = tables.find(name);
    if (it == tables.end()) return nullptr;
    if (it->second->key_type() != key_type) {
        throw TableError("table in registry accessed with wrong key type: table='" + name + "', requested='" +
                         checked_type_name(key_type) + "', actual='" + checked_type_name(it->second->key_type()) + "'");
    }
    return it->second;
}

void RegistryState::drop_tables_of(const Host* host) {
    std::vector<std::shared_ptr<TableBase>> dropped;
    for (auto it = tables.begin(); it != tables.end();) {
        if (it->second->owner_host() == host && host != nullptr) {
            dropped.push_back(it->second);
            it = tables.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto& t : dropped) {
        for (TableOwner* o : owners) o->unset_tables_of(t.get());
        t->detach_owner();
    }
}

}  // namespace falcogen::host::detail
