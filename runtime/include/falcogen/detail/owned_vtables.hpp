// The table vtables of an exported table, instantiated per OwnedTable type:
// what the host calls when other plugins use the table. Each function is an
// exception barrier: a failure is a NULL or SS_PLUGIN_FAILURE with the reason
// recorded for plugin_get_last_error, never an exception in the host's frames.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "falcogen/owned_table.hpp"

namespace falcogen::detail {

template <typename Table>
struct OwnedVtables {
    using Node = typename Table::Node;
    using KeyArg = typename Table::KeyArg;

    static constexpr ss_plugin_table_entry_t* kNoEntry = nullptr;

    static Table& self(ss_plugin_table_t* t) { return *static_cast<Table*>(t); }
    static Node* node(ss_plugin_table_entry_t* e) { return static_cast<Node*>(e); }

    template <typename R, typename F>
    static R guarded(ss_plugin_table_t* t, R failed, F&& f) {
        try {
            return f(self(t));
        } catch (const std::exception& e) {
            self(t).fail(e.what());
        } catch (...) {
            self(t).fail("unknown error");
        }
        return failed;
    }

    static bool load_key(Table& table, const ss_plugin_state_data* key, KeyArg& out) {
        if (key == nullptr) return table.fail("no key");
        if constexpr (std::is_same_v<KeyArg, std::string_view>) {
            out = key->str != nullptr ? std::string_view(key->str) : std::string_view();
        } else {
            load_state(*key, out);
        }
        return true;
    }

    // ---- reader ----
    static const char* get_name(ss_plugin_table_t* t) { return self(t).name(); }
    static uint64_t get_size(ss_plugin_table_t* t) { return self(t).size(); }
    static ss_plugin_table_entry_t* get_entry(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
        return guarded(t, kNoEntry, [&](Table& table) -> ss_plugin_table_entry_t* {
            KeyArg k{};
            if (!load_key(table, key, k)) return nullptr;
            Node* found = table.lookup(k);
            if (found == nullptr) {
                table.fail("no entry with this key");
            } else {
                table.hold(found);
            }
            return found;
        });
    }
    static ss_plugin_rc read(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                             ss_plugin_state_data* out) {
        if (e == nullptr || f == nullptr || out == nullptr) return reject(t, "read_entry_field: a NULL argument");
        const auto& field = *static_cast<const OwnedField*>(f);
        if (field.member >= 0) {
            visit_member(node(e)->entry, field.member, [out](auto& member) { store_state(*out, member); });
        } else {
            read_added(*node(e), field, *out);
        }
        return SS_PLUGIN_SUCCESS;
    }
    static void release(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) { self(t).release(node(e)); }
    static ss_plugin_bool iterate(ss_plugin_table_t* t, ss_plugin_table_iterator_func_t it,
                                  ss_plugin_table_iterator_state_t* s) {
        if (it == nullptr) return reject(t, "iterate_entries: no function"), 0;
        Table& table = self(t);
        typename Table::IterationScope scope(table);
        for (auto& entry : table.entries()) {
            if (it(s, entry.second.get()) == 0) return 0;
        }
        return 1;
    }

    // ---- writer ----
    static ss_plugin_rc clear(ss_plugin_table_t* t) {
        if (self(t).refuse_during_iteration("clear_table")) return SS_PLUGIN_FAILURE;
        self(t).clear();
        return SS_PLUGIN_SUCCESS;
    }
    static ss_plugin_rc erase(ss_plugin_table_t* t, const ss_plugin_state_data* key) {
        return guarded(t, SS_PLUGIN_FAILURE, [&](Table& table) -> ss_plugin_rc {
            KeyArg k{};
            if (table.refuse_during_iteration("erase_table_entry") || !load_key(table, key, k)) {
                return SS_PLUGIN_FAILURE;
            }
            if (table.erase(k)) return SS_PLUGIN_SUCCESS;
            table.fail("no entry with this key");
            return SS_PLUGIN_FAILURE;
        });
    }
    static ss_plugin_table_entry_t* create(ss_plugin_table_t* t) {
        return guarded(t, kNoEntry, [](Table& table) -> ss_plugin_table_entry_t* {
            auto created = std::make_unique<Node>();
            Node* raw = created.get();
            table.detached().emplace(raw, std::move(created));
            return raw;
        });
    }
    static void destroy(ss_plugin_table_t* t, ss_plugin_table_entry_t* e) { self(t).detached().erase(node(e)); }
    static ss_plugin_table_entry_t* add(ss_plugin_table_t* t, const ss_plugin_state_data* key,
                                        ss_plugin_table_entry_t* e) {
        return guarded(t, kNoEntry, [&](Table& table) -> ss_plugin_table_entry_t* {
            KeyArg k{};
            auto found = table.detached().find(node(e));
            if (table.refuse_during_iteration("add_table_entry") || !load_key(table, key, k)) return nullptr;
            if (found == table.detached().end()) {
                table.fail("add_table_entry: the entry was not made by create_table_entry");
                return nullptr;
            }
            std::unique_ptr<Node> owned = std::move(found->second);
            table.detached().erase(found);
            Node* added = table.insert(typename Table::KeyType(k), std::move(owned));
            table.hold(added);
            return added;
        });
    }
    static ss_plugin_rc write(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                              const ss_plugin_state_data* in) {
        if (e == nullptr || f == nullptr || in == nullptr) return reject(t, "write_entry_field: a NULL argument");
        const auto& field = *static_cast<const OwnedField*>(f);
        if (field.readonly) return reject(t, ("field '" + field.name + "' is read-only").c_str());
        return guarded(t, SS_PLUGIN_FAILURE, [&](Table& table) -> ss_plugin_rc {
            if (field.member >= 0) {
                visit_member(node(e)->entry, field.member, [in](auto& member) { load_state(*in, member); });
            } else {
                write_added(*node(e), field, *in, table.added_count());
            }
            return SS_PLUGIN_SUCCESS;
        });
    }

    // ---- fields ----
    static const ss_plugin_table_fieldinfo* list_fields(ss_plugin_table_t* t, uint32_t* n) {
        return guarded(t, static_cast<const ss_plugin_table_fieldinfo*>(nullptr),
                       [&](Table& table) { return table.list_fields(n); });
    }
    static ss_plugin_table_field_t* get_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
        return guarded(t, static_cast<ss_plugin_table_field_t*>(nullptr), [&](Table& table) {
            return static_cast<ss_plugin_table_field_t*>(table.get_field(name, type));
        });
    }
    static ss_plugin_table_field_t* add_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
        return guarded(t, static_cast<ss_plugin_table_field_t*>(nullptr), [&](Table& table) {
            return static_cast<ss_plugin_table_field_t*>(table.add_field(name, type));
        });
    }

    static ss_plugin_rc reject(ss_plugin_table_t* t, const char* message) {
        self(t).fail(message);
        return SS_PLUGIN_FAILURE;
    }

    // Calls f(member) on member `index` of the entry, in members() order.
    template <typename Entry, typename F>
    static void visit_member(Entry& entry, int32_t index, F&& f) {
        int32_t i = 0;
        Entry::members(entry, [&](auto& member, const char*, bool) {
            if (i++ == index) f(member);
        });
    }
    static void read_added(Node& n, const OwnedField& field, ss_plugin_state_data& out) {
        if (field.slot < n.added.size()) {
            out = n.added[field.slot].data;
        } else {
            out = ss_plugin_state_data{};  // never written: zero, or the empty string
        }
        if (field.type == SS_PLUGIN_ST_STRING && out.str == nullptr) out.str = "";
    }
    static void write_added(Node& n, const OwnedField& field, const ss_plugin_state_data& in, uint32_t count) {
        if (n.added.size() < count) n.added.resize(count);
        AddedValue& value = n.added[field.slot];
        value.data = in;
        if (field.type == SS_PLUGIN_ST_STRING) {
            value.text = in.str != nullptr ? in.str : "";
            value.data.str = value.text.c_str();
        }
    }

    // The input add_table takes: the same functions in the deprecated
    // by-value vtables and in the _ext ones (libsinsp checks they agree).
    static void bind(Table& table) {
        static ss_plugin_table_reader_vtable_ext reader{&get_name, &get_size, &get_entry, &read, &release, &iterate};
        static ss_plugin_table_writer_vtable_ext writer{&clear, &erase, &create, &destroy, &add, &write};
        static ss_plugin_table_fields_vtable_ext fields{&list_fields, &get_field, &add_field};
        ss_plugin_table_input& in = table.input();
        in.name = table.name();
        in.key_type = table.key_type();
        in.table = &table;
        in.reader = {reader.get_table_name, reader.get_table_size, reader.get_table_entry, reader.read_entry_field};
        in.writer = writer;
        in.fields = fields;
        in.reader_ext = &reader;
        in.writer_ext = &writer;
        in.fields_ext = &fields;
    }
};

}  // namespace falcogen::detail
