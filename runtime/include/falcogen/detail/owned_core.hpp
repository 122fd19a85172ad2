// The plugin-independent half of an exported table (falcogen::OwnedTable):
// its fields as the host sees them (the entry struct's members, then the
// fields other plugins add), the ss_plugin_table_input registered with
// add_table, and the errors its vtables report through the plugin's
// plugin_get_last_error, which libsinsp reads after a failed call.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/error_slot.hpp"

namespace falcogen::detail {

// A field handle (ss_plugin_table_field_t*): stable for the table's life.
struct OwnedField {
    std::string name;
    ss_plugin_state_type type;
    bool readonly;
    int32_t member;  // >= 0: the entry struct's member, in members() order; -1: added by another plugin
    uint32_t slot;  // added fields: the index of the entry's value
};

// The value of a field added by another plugin, in one entry.
struct AddedValue {
    ss_plugin_state_data data{};
    std::string text;  // strings: data.str points here
};

class OwnedTableCore {
public:
    OwnedTableCore(const char* name, ss_plugin_state_type key_type) : name_(name), key_type_(key_type) {}
    OwnedTableCore(const OwnedTableCore&) = delete;
    OwnedTableCore& operator=(const OwnedTableCore&) = delete;

    const char* name() const { return name_; }
    ss_plugin_state_type key_type() const { return key_type_; }

    // The field API (fields_ext), shared by every exported table.
    const ss_plugin_table_fieldinfo* list_fields(uint32_t* count);
    OwnedField* get_field(const char* name, ss_plugin_state_type type);
    OwnedField* add_field(const char* name, ss_plugin_state_type type);
    uint32_t added_count() const { return added_; }

    // Records `message` for plugin_get_last_error (prefixed with the table's
    // name); returns false, so vtable functions end with `return fail(...)`.
    bool fail(const std::string& message);
    // Refuses a change while the host iterates the table.
    bool refuse_during_iteration(const char* what);
    bool iterating() const { return iterating_ > 0; }

    // Set by the runtime in plugin_init, before add_table.
    void attach(ErrorSlot& error) { error_ = &error; }
    ss_plugin_table_input& input() { return input_; }

    // Marks the table as iterated by the host while it lives.
    struct IterationScope {
        explicit IterationScope(OwnedTableCore& t) : table(t) { ++table.iterating_; }
        ~IterationScope() { --table.iterating_; }
        OwnedTableCore& table;
    };

protected:
    void declare_member(const char* name, ss_plugin_state_type type, bool readonly);

private:
    const char* name_;
    ss_plugin_state_type key_type_;
    std::deque<OwnedField> fields_;  // a deque: handles stay valid as fields are added
    std::vector<ss_plugin_table_fieldinfo> infos_;
    uint32_t members_ = 0;
    uint32_t added_ = 0;
    int iterating_ = 0;
    ErrorSlot* error_ = nullptr;
    ss_plugin_table_input input_{};
};

}  // namespace falcogen::detail
