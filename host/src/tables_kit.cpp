// The test kit (TableRef, EntryRef, ThreadsTable, TableRegistry): every
// operation goes through the same TableBase calls as the vtables, under the
// registry's owner "host", so a test sees the rules a plugin sees. Reads of
// host-owned entries go to the entry directly (no per-call string copies).
#include <falcogen/host/error.hpp>

#include "tables_kit.hpp"

namespace falcogen::host {

using detail::EntryData;
using detail::FieldDef;
using detail::HostTable;
using detail::TableBase;
using detail::TableError;

namespace {

HostTable* host_table(const std::shared_ptr<TableBase>& t) {
    return dynamic_cast<HostTable*>(t.get());
}

}  // namespace

namespace detail {

TableFieldInfo field_info(TableBase& t, TableOwner& o, const std::string& name) {
    for (const TableFieldInfo& f : t.list_fields(o)) {
        if (f.name == name) return f;
    }
    throw TableError("table '" + t.name() + "' has no field '" + name + "'");
}

}  // namespace detail

// ---- EntryRef -----------------------------------------------------------------------------------

EntryRef::EntryRef(std::shared_ptr<TableBase> table, std::shared_ptr<detail::TableOwner> owner, void* entry,
                   std::shared_ptr<void> keep)
    : table_(std::move(table)), owner_(std::move(owner)), entry_(entry), keep_(std::move(keep)) {}

StateValue EntryRef::get(const std::string& field) const {
    return detail::kit_call([&] {
        const TableFieldInfo info = detail::field_info(*table_, *owner_, field);
        if (info.type == SS_PLUGIN_ST_TABLE) throw TableError("field '" + field + "' is a table: use subtable()");
        const void* f = table_->get_field(*owner_, field, info.type);
        ss_plugin_state_data d{};
        if (HostTable* ht = host_table(table_)) {
            const FieldDef& def = ht->checked_field(f);
            EntryData& e = ht->checked_entry(entry_);
            if (def.type == SS_PLUGIN_ST_STRING) return StateValue(e.string_value(def));
            e.read(def, d);
        } else {
            table_->read(*owner_, entry_, f, d);
        }
        return detail::from_state_data(d, info.type);
    });
}

void EntryRef::set(const std::string& field, const StateValue& value) {
    detail::kit_call([&] {
        const TableFieldInfo info = detail::field_info(*table_, *owner_, field);
        std::string storage;
        const ss_plugin_state_data d = detail::to_state_data(value, info.type, storage, "field '" + field + "'");
        table_->write(*owner_, entry_, table_->get_field(*owner_, field, info.type), d);
        return 0;
    });
}

void EntryRef::set(const FieldValues& values) {
    for (const auto& [name, value] : values) set(name, value);
}

TableRef EntryRef::subtable(const std::string& field) const {
    return detail::kit_call([&] {
        HostTable* ht = host_table(table_);
        if (ht == nullptr) throw TableError("the test kit reads subtables of host-owned tables only");
        const FieldDef& def = ht->checked_field(ht->get_field(*owner_, field, SS_PLUGIN_ST_TABLE));
        std::shared_ptr<HostTable> sub = ht->subtable(ht->checked_entry(entry_), def);
        if (sub == nullptr) throw TableError("field '" + field + "' holds no table for this entry");
        return TableRef(sub, owner_);
    });
}

// ---- TableRef -----------------------------------------------------------------------------------

TableRef::TableRef(std::shared_ptr<TableBase> table, std::shared_ptr<detail::TableOwner> owner)
    : table_(std::move(table)), owner_(std::move(owner)) {}

const std::string& TableRef::name() const {
    return table_->name();
}

ss_plugin_state_type TableRef::key_type() const {
    return table_->key_type();
}

std::string TableRef::owner() const {
    return table_->owner_name();
}

std::vector<TableFieldInfo> TableRef::fields() const {
    return detail::kit_call([&] { return table_->list_fields(*owner_); });
}

uint64_t TableRef::size() const {
    return detail::kit_call([&] { return table_->size(*owner_); });
}

EntryRef TableRef::entry_ref(void* entry, bool release) const {
    if (HostTable* ht = host_table(table_)) {
        return EntryRef(table_, owner_, entry, ht->checked_entry(entry).shared_from_this());
    }
    if (!release) return EntryRef(table_, owner_, entry, nullptr);  // an iterated entry: nothing to release
    std::shared_ptr<TableBase> t = table_;
    std::shared_ptr<detail::TableOwner> o = owner_;
    // A plugin's entry is released when the last EntryRef on it goes.
    std::shared_ptr<void> keep(entry, [t, o](void* e) {
        std::lock_guard<std::recursive_mutex> lock(detail::table_mutex());
        try {
            t->release_entry(*o, e);
        } catch (...) {
        }
    });
    return EntryRef(table_, owner_, entry, std::move(keep));
}

std::optional<EntryRef> TableRef::find(const StateValue& key) const {
    return detail::kit_call([&]() -> std::optional<EntryRef> {
        std::string storage;
        const ss_plugin_state_data k = detail::to_state_data(key, key_type(), storage, "the key of " + name());
        if (HostTable* ht = host_table(table_)) {
            std::shared_ptr<EntryData> e = ht->find(k);
            if (e == nullptr) return std::nullopt;
            return EntryRef(table_, owner_, e.get(), e);
        }
        try {
            return entry_ref(table_->get_entry(*owner_, k));
        } catch (const TableError&) {
            return std::nullopt;  // a plugin's table reports a missing key as a failure
        }
    });
}

EntryRef TableRef::at(const StateValue& key) const {
    std::optional<EntryRef> e = find(key);
    if (!e) throw HostError("table '" + name() + "' has no entry with key " + to_string(key));
    return *e;
}

EntryRef TableRef::add(const StateValue& key, const FieldValues& values) {
    EntryRef added = detail::kit_call([&] {
        std::string storage;
        const ss_plugin_state_data k = detail::to_state_data(key, key_type(), storage, "the key of " + name());
        void* created = table_->create_entry(*owner_);
        void* e = table_->add_entry(*owner_, k, created);
        return entry_ref(e);
    });
    added.set(values);
    return added;
}

void TableRef::erase(const StateValue& key) {
    detail::kit_call([&] {
        std::string storage;
        table_->erase(*owner_, detail::to_state_data(key, key_type(), storage, "the key of " + name()));
        return 0;
    });
}

void TableRef::clear() {
    detail::kit_call([&] {
        table_->clear(*owner_);
        return 0;
    });
}

void TableRef::add_field(const std::string& field, ss_plugin_state_type type) {
    detail::kit_call([&] {
        if (type == SS_PLUGIN_ST_TABLE) throw TableError("can't add dynamic field of type table: " + field);
        return table_->add_field(*owner_, field, type);
    });
}

void TableRef::for_each(const std::function<bool(const EntryRef&)>& fn) const {
    detail::kit_call([&] { return table_->iterate(*owner_, [&](void* e) { return fn(entry_ref(e, false)); }); });
}

std::vector<EntryRef> TableRef::entries() const {
    return detail::kit_call([&] {
        HostTable* ht = host_table(table_);
        if (ht == nullptr) throw TableError("entries() lists host-owned tables only: use for_each");
        std::vector<EntryRef> out;
        for (const auto& e : ht->snapshot()) out.push_back(EntryRef(table_, owner_, e.get(), e));
        return out;
    });
}

// ---- ThreadsTable -------------------------------------------------------------------------------

EntryRef ThreadsTable::add_thread(int64_t tid, const FieldValues& values) {
    return add(tid, values);
}

EntryRef ThreadsTable::thread(int64_t tid) const {
    return at(tid);
}

TableRef ThreadsTable::fds(int64_t tid) const {
    return thread(tid).subtable("file_descriptors");
}

EntryRef ThreadsTable::add_fd(int64_t tid, int64_t fd, const FieldValues& values) {
    return fds(tid).add(fd, values);
}

void ThreadsTable::set_args(int64_t tid, const std::vector<std::string>& args) {
    TableRef t = thread(tid).subtable("args");
    t.clear();
    for (size_t i = 0; i < args.size(); ++i) t.add(uint64_t(i), {{"value", args[i]}});
}

void ThreadsTable::set_env(int64_t tid, const std::vector<std::string>& env) {
    TableRef t = thread(tid).subtable("env");
    t.clear();
    for (size_t i = 0; i < env.size(); ++i) t.add(uint64_t(i), {{"value", env[i]}});
}

void ThreadsTable::set_cgroups(int64_t tid, const std::vector<std::pair<std::string, std::string>>& cgroups) {
    TableRef t = thread(tid).subtable("cgroups");
    t.clear();
    for (size_t i = 0; i < cgroups.size(); ++i) {
        t.add(uint64_t(i), {{"first", cgroups[i].first}, {"second", cgroups[i].second}});
    }
}

void ThreadsTable::set_cwd(int64_t tid, const std::string& cwd) {
    detail::kit_call([&] {
        HostTable* ht = host_table(table_);
        ss_plugin_state_data key{};
        key.s64 = tid;
        std::shared_ptr<EntryData> e = ht != nullptr ? ht->find(key) : nullptr;
        if (e == nullptr) throw TableError("no thread " + std::to_string(tid) + " in the threads table");
        ss_plugin_state_data value{};
        value.str = cwd.c_str();
        e->write(*e->schema().find("cwd"), value);  // bypasses the plugins' read-only rule
        return 0;
    });
}

// ---- TableRegistry ------------------------------------------------------------------------------

TableRegistry::TableRegistry()
    : state_(std::make_shared<detail::RegistryState>()), threads_(new ThreadsTable(state_->threads, state_->kit)) {}

TableRegistry::~TableRegistry() = default;

ThreadsTable& TableRegistry::threads() {
    return *threads_;
}

std::vector<TableInfo> TableRegistry::list() const {
    std::lock_guard<std::recursive_mutex> lock(detail::table_mutex());
    std::vector<TableInfo> out;
    for (const auto& kv : state_->tables)
        out.push_back(TableInfo{kv.first, kv.second->key_type(), kv.second->owner_name()});
    return out;
}

std::optional<TableRef> TableRegistry::find(const std::string& name) const {
    std::lock_guard<std::recursive_mutex> lock(detail::table_mutex());
    auto it = state_->tables.find(name);
    if (it == state_->tables.end()) return std::nullopt;
    return TableRef(it->second, state_->kit);
}

TableRef TableRegistry::table(const std::string& name) const {
    std::optional<TableRef> t = find(name);
    if (!t) throw HostError("no table named '" + name + "' in the registry");
    return *t;
}

}  // namespace falcogen::host
