// Tables of the host (libsinsp's `threads`) and of other plugins, typed by the
// manifest's `tables.import`. The generated code declares, per table, an
// entry class with one accessor per field (comm(), set_comm(v), and for a
// subtable file_descriptors()) and `using ThreadsTable = Table<int64_t,
// ThreadsEntry>`; the author reaches them through tables():
//
//     if (auto thread = tables().threads.get(event.tid())) {
//         thread->set_opens(thread->opens() + 1);
//         if (auto fd = thread->file_descriptors().get(3)) use(fd->name());
//     }
//
// Rules that come from the host: entries, subtables and the strings read from
// them live until the call (parse, extract, init) returns, so keep values,
// never entries; writes happen in parse (and init) only; a string read stays
// valid until the next call on a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "falcogen/detail/state_values.hpp"
#include "falcogen/detail/tables.hpp"

namespace falcogen {

namespace detail {
// The entry operations of the API, with the host's errors turned into exceptions.
ss_plugin_table_entry_t* find_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key);
ss_plugin_table_entry_t* add_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key);
bool erase_entry(const TableKind& kind, ss_plugin_table_t* t, const ss_plugin_state_data& key);
void clear_entries(const TableKind& kind, ss_plugin_table_t* t);
uint64_t count_entries(const TableKind& kind, ss_plugin_table_t* t);
// Calls visit(context, entry) for each entry until it returns false; an
// exception thrown by visit stops the iteration and is rethrown here.
using EntryVisitor = bool (*)(void* context, ss_plugin_table_entry_t* entry);
void iterate_entries(const TableKind& kind, ss_plugin_table_t* t, EntryVisitor visit, void* context);

template <typename Key>
void store_key(TableCalls&, ss_plugin_state_data& d, Key key) {
    store_state(d, key);
}
// A string key goes to the host NUL-terminated.
inline void store_key(TableCalls& calls, ss_plugin_state_data& d, std::string_view key) {
    calls.text.assign(key.data(), key.size());
    d.str = calls.text.c_str();
}
}  // namespace detail

// An entry of an imported table: the base of the generated entry classes.
// Releases the entry when it goes out of scope.
class TableEntry {
public:
    TableEntry(detail::TableKind& kind, ss_plugin_table_t* table, ss_plugin_table_entry_t* entry, bool owned)
        : kind_(&kind), table_(table), entry_(entry), owned_(owned) {}
    TableEntry(TableEntry&& other) noexcept
        : kind_(other.kind_), table_(other.table_), entry_(other.entry_), owned_(other.owned_) {
        other.owned_ = false;
    }
    TableEntry& operator=(TableEntry&& other) noexcept;
    TableEntry(const TableEntry&) = delete;
    TableEntry& operator=(const TableEntry&) = delete;
    ~TableEntry() { release(); }

    // Field `field` (its index in the manifest's list) as T; the generated
    // accessors call these.
    template <typename T>
    T read_field(uint32_t field) const {
        ss_plugin_state_data data{};
        read_raw(field, data);
        T value{};
        detail::load_state(data, value);
        return value;
    }
    template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
    void write_field(uint32_t field, T value) const {
        ss_plugin_state_data data{};
        detail::store_state(data, value);
        write_raw(field, data);
    }
    void write_field(uint32_t field, std::string_view value) const;
    template <typename Subtable>
    Subtable read_subtable(uint32_t field) const {
        ss_plugin_state_data data{};
        read_raw(field, data);
        return Subtable(*kind_->subtables[field], data.table);
    }

private:
    void read_raw(uint32_t field, ss_plugin_state_data& out) const;
    void write_raw(uint32_t field, const ss_plugin_state_data& in) const;
    void release() noexcept;

    detail::TableKind* kind_;
    ss_plugin_table_t* table_;
    ss_plugin_table_entry_t* entry_;
    bool owned_;  // returned by get/add: released at the end of its life
};

// An imported table (or one entry's subtable) with keys of type Key.
template <typename Key, typename Entry>
class Table {
public:
    using KeyArg = Key;

    Table() = default;  // set up by plugin_init
    Table(detail::TableKind& kind, ss_plugin_table_t* table) : kind_(&kind), table_(table) {}

    // The entry with this key, or nothing.
    std::optional<Entry> get(Key key) const {
        ss_plugin_state_data data{};
        detail::store_key(*kind_->calls, data, key);
        ss_plugin_table_entry_t* e = detail::find_entry(*kind_, table_, data);
        if (e == nullptr) return std::nullopt;
        return Entry(*kind_, table_, e, true);
    }
    uint64_t size() const { return detail::count_entries(*kind_, table_); }
    // Calls visit(const Entry&) for each entry, in the host's order; a visit
    // that returns bool stops the iteration by returning false. The table
    // refuses changes while it is iterated.
    template <typename Visit>
    void for_each(Visit&& visit) const {
        struct Context {
            detail::TableKind* kind;
            ss_plugin_table_t* table;
            Visit* visit;
        } context{kind_, table_, &visit};
        detail::iterate_entries(*kind_, table_, &visit_one<Context, Visit>, &context);
    }
    // parse only: a new entry with this key (the host's defaults), replacing any other.
    Entry add(Key key) const {
        ss_plugin_state_data data{};
        detail::store_key(*kind_->calls, data, key);
        return Entry(*kind_, table_, detail::add_entry(*kind_, table_, data), true);
    }
    // parse only: false when there was no such entry.
    bool erase(Key key) const {
        ss_plugin_state_data data{};
        detail::store_key(*kind_->calls, data, key);
        return detail::erase_entry(*kind_, table_, data);
    }
    void clear() const { detail::clear_entries(*kind_, table_); }

private:
    template <typename Context, typename Visit>
    static bool visit_one(void* context, ss_plugin_table_entry_t* e) {
        auto& c = *static_cast<Context*>(context);
        const Entry entry(*c.kind, c.table, e, false);
        if constexpr (std::is_same_v<decltype((*c.visit)(entry)), bool>) {
            return (*c.visit)(entry);
        } else {
            (*c.visit)(entry);
            return true;
        }
    }

    detail::TableKind* kind_ = nullptr;
    ss_plugin_table_t* table_ = nullptr;
};

}  // namespace falcogen
