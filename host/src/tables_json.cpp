// Tables as JSON: {"name": "threads", "entries": [{"tid": 1, "comm": "init",
// "file_descriptors": {"name": "file_descriptors", "entries": [...]}, ...}]}.
// to_json reads every field through the kit; load_json fills host-owned
// tables (read-only fields included: loading is the host setting its own
// state, as libsinsp's parsers do).
#include <nlohmann/json.hpp>

#include "tables_kit.hpp"

namespace falcogen::host {

using detail::EntryData;
using detail::FieldDef;
using detail::HostTable;
using detail::TableError;
using nlohmann::json;

namespace {

json value_json(const StateValue& v) {
    return std::visit([](const auto& x) { return json(x); }, v);
}

StateValue json_value(const json& j, const std::string& what) {
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number_unsigned()) return j.get<uint64_t>();
    if (j.is_number_integer()) return j.get<int64_t>();
    if (j.is_string()) return j.get<std::string>();
    throw HostError(what + ": expected a boolean, an integer or a string, got " + j.dump());
}

}  // namespace

json EntryRef::to_json() const {
    json out = json::object();
    std::vector<TableFieldInfo> fields = TableRef(table_, owner_).fields();
    for (const TableFieldInfo& f : fields) {
        if (f.type == SS_PLUGIN_ST_TABLE) {
            if (dynamic_cast<HostTable*>(table_.get()) == nullptr) continue;  // a plugin's subtable: not readable here
            try {
                out[f.name] = subtable(f.name).to_json();
            } catch (const HostError&) {
                out[f.name] = nullptr;  // a thread sharing the fds of a main thread that is not in the table
            }
            continue;
        }
        out[f.name] = value_json(get(f.name));
    }
    return out;
}

json TableRef::to_json() const {
    json entries = json::array();
    for_each([&](const EntryRef& e) {
        entries.push_back(e.to_json());
        return true;
    });
    return json{{"name", name()}, {"entries", entries}};
}

void TableRef::load_json(const json& table) {
    auto* ht = dynamic_cast<HostTable*>(table_.get());
    if (ht == nullptr) throw HostError("load_json fills host-owned tables only, not '" + name() + "'");
    const json& entries = table.is_array() ? table : table.at("entries");
    if (!entries.is_array()) throw HostError("table '" + name() + "': \"entries\" is not an array");
    const std::string& key_field = ht->schema().key_field;
    for (size_t i = 0; i < entries.size(); ++i) {
        const json& obj = entries[i];
        const std::string where = "table '" + name() + "' entry #" + std::to_string(i);
        if (!obj.is_object()) throw HostError(where + ": not an object");
        StateValue key = uint64_t(i);
        if (!key_field.empty()) {
            if (!obj.contains(key_field)) throw HostError(where + ": no \"" + key_field + "\"");
            key = json_value(obj.at(key_field), where);
        }
        EntryRef e = add(key);
        for (const auto& item : obj.items()) {
            // Named copies: a lambda cannot capture structured bindings in C++17 (clang refuses).
            const std::string& field = item.key();
            const nlohmann::json& value = item.value();
            const FieldDef* def = ht->schema().find(field);
            if (def == nullptr) throw HostError(where + ": table '" + name() + "' has no field '" + field + "'");
            if (def->type == SS_PLUGIN_ST_TABLE) {
                if (!value.is_null()) e.subtable(field).load_json(value);
                continue;
            }
            detail::kit_call([&] {
                std::string storage;
                const ss_plugin_state_data d =
                    detail::to_state_data(json_value(value, where), def->type, storage, "field '" + field + "'");
                ht->checked_entry(e.entry_).write(*def, d);
                return 0;
            });
        }
    }
}

}  // namespace falcogen::host
