// Exported tables: the field registry and errors shared by every OwnedTable.
#include "falcogen/detail/owned_core.hpp"

#include <cstring>

#include "falcogen/detail/state_values.hpp"

namespace falcogen::detail {

void OwnedTableCore::declare_member(const char* name, ss_plugin_state_type type, bool readonly) {
    fields_.push_back(OwnedField{name, type, readonly, static_cast<int32_t>(members_++), 0});
}

const ss_plugin_table_fieldinfo* OwnedTableCore::list_fields(uint32_t* count) {
    infos_.clear();
    for (const OwnedField& f : fields_) infos_.push_back({f.name.c_str(), f.type, f.readonly ? 1u : 0u});
    *count = static_cast<uint32_t>(infos_.size());
    return infos_.data();
}

OwnedField* OwnedTableCore::get_field(const char* name, ss_plugin_state_type type) {
    if (name == nullptr) return fail("get_table_field: no field name"), nullptr;
    for (OwnedField& f : fields_) {
        if (f.name != name) continue;
        if (f.type == type) return &f;
        fail(std::string("field '") + name + "' is " + state_type_name(f.type) + ", not " + state_type_name(type));
        return nullptr;
    }
    fail(std::string("no field '") + name + "'");
    return nullptr;
}

OwnedField* OwnedTableCore::add_field(const char* name, ss_plugin_state_type type) {
    if (name == nullptr) return fail("add_table_field: no field name"), nullptr;
    for (OwnedField& f : fields_) {
        if (f.name == name) return get_field(name, type);  // the same type: the same field
    }
    if (type == SS_PLUGIN_ST_TABLE || std::strcmp(state_type_name(type), "an unknown type") == 0) {
        fail(std::string("cannot add field '") + name + "' of type " + state_type_name(type));
        return nullptr;
    }
    fields_.push_back(OwnedField{name, type, false, -1, added_++});
    return &fields_.back();
}

bool OwnedTableCore::fail(const std::string& message) {
    if (error_ != nullptr) error_->set("table '" + std::string(name_) + "': " + message);
    return false;
}

bool OwnedTableCore::refuse_during_iteration(const char* what) {
    if (iterating_ == 0) return false;
    fail(std::string(what) + " refused: the table is being iterated");
    return true;
}

}  // namespace falcogen::detail
