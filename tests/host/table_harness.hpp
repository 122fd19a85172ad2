// The state-table tests' harness: a TablePlugin loads tests/host/plugins/table_plugin.c
// (one build per name) and runs a test lambda inside the plugin's own
// plugin_init / plugin_parse_event / plugin_extract_fields, with the real
// input, so the lambda calls the table vtables exactly as a plugin does.
#pragma once

#include <falcogen/host/host.hpp>

#include <functional>
#include <memory>
#include <string>

#include "test_util.hpp"

namespace table_test {

using falcogen::host::Host;
using falcogen::host::HostEvent;
using falcogen::host::TableRegistry;

using Hook = ss_plugin_rc (*)(void* ctx, int stage, const void* input, ss_plugin_owner_t* owner);
enum Stage { kInit = 0, kParse = 1, kExtract = 2, kDestroy = 3 };

class TablePlugin {
public:
    using Body = std::function<ss_plugin_rc(const void* input, ss_plugin_owner_t* owner)>;

    TablePlugin(const std::string& so_name, std::shared_ptr<TableRegistry> registry) {
        falcogen::host::HostOptions o = test_options();
        o.tables = std::move(registry);
        host = std::make_unique<Host>(plugin_path(so_name), o);
        auto set_hook = reinterpret_cast<void (*)(Hook, void*)>(host->symbol("table_test_set_hook"));
        set_error_ = reinterpret_cast<void (*)(const char*)>(host->symbol("table_test_set_last_error"));
        set_hook(&TablePlugin::trampoline, this);
    }
    ~TablePlugin() { host.reset(); }

    // plugin_init running `body` with the ss_plugin_init_input.
    void init(Body body) {
        bodies_[kInit] = std::move(body);
        host->init();
    }
    // plugin_parse_event running `body` with the ss_plugin_event_parse_input.
    void parse(Body body) {
        bodies_[kParse] = std::move(body);
        host->parse_event(event());
    }
    // plugin_extract_fields running `body` with the ss_plugin_field_extract_input.
    void extract(Body body) {
        bodies_[kExtract] = std::move(body);
        host->extract(event(), host->fields().front().name);
    }
    // What the plugin's get_last_error returns from now on.
    void set_plugin_error(const char* msg) { set_error_(msg); }

    std::unique_ptr<Host> host;

private:
    static HostEvent event() { return HostEvent::make_plugin_event(999, "payload", 1); }
    static ss_plugin_rc trampoline(void* ctx, int stage, const void* input, ss_plugin_owner_t* owner) {
        auto* self = static_cast<TablePlugin*>(ctx);
        // No exception may unwind through the C plugin's frames.
        try {
            Body& b = self->bodies_[stage];
            return b ? b(input, owner) : SS_PLUGIN_SUCCESS;
        } catch (...) {
            return SS_PLUGIN_FAILURE;
        }
    }
    Body bodies_[4];
    void (*set_error_)(const char*) = nullptr;
};

// The tables part of an init input, with the owner's last error.
struct InitTables {
    const ss_plugin_init_input* in;
    const ss_plugin_init_tables_input* t() const { return in->tables; }
    std::string error() const {
        const char* e = in->get_owner_last_error(in->owner);
        return e != nullptr ? e : "";
    }
    ss_plugin_table_t* table(const char* name, ss_plugin_state_type key = SS_PLUGIN_ST_INT64) const {
        return t()->get_table(in->owner, name, key);
    }
    ss_plugin_table_field_t* field(ss_plugin_table_t* tb, const char* name, ss_plugin_state_type type) const {
        return t()->fields_ext->get_table_field(tb, name, type);
    }
};

inline ss_plugin_state_data s64(int64_t v) {
    ss_plugin_state_data d{};
    d.s64 = v;
    return d;
}

inline ss_plugin_state_data u64(uint64_t v) {
    ss_plugin_state_data d{};
    d.u64 = v;
    return d;
}

inline ss_plugin_state_data str(const char* v) {
    ss_plugin_state_data d{};
    d.str = v;
    return d;
}

// The owner's last error through a parse or extract input.
template <typename Input>
std::string owner_error(const Input* in) {
    const char* e = in->get_owner_last_error(in->owner);
    return e != nullptr ? e : "";
}

}  // namespace table_test
