// The plugin's lifecycle: the init config and plugin_init, set_config, destroy,
// and the owner callbacks (last error, logs) the host offers it.
#include <falcogen/host/host.hpp>
#include <falcogen/host/json_schema.hpp>

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

using nlohmann::json;

namespace {

std::string rc_name(int rc) {
    switch (rc) {
        case SS_PLUGIN_SUCCESS: return "SUCCESS";
        case SS_PLUGIN_FAILURE: return "FAILURE";
        case SS_PLUGIN_TIMEOUT: return "TIMEOUT";
        case SS_PLUGIN_EOF: return "EOF";
        case SS_PLUGIN_NOT_SUPPORTED: return "NOT_SUPPORTED";
        default: return "unknown rc " + std::to_string(rc);
    }
}

// What an event types getter (get_extract_event_types, get_parse_event_types)
// returns; empty when the plugin does not export it.
std::vector<uint16_t> event_types(uint16_t* (*getter)(uint32_t*, ss_plugin_t*), ss_plugin_t* state,
                                  const std::string& prefix) {
    std::vector<uint16_t> out;
    if (getter == nullptr) return out;
    uint32_t n = 0;
    uint16_t* t = getter(&n, state);
    if (t == nullptr && n > 0) {
        throw HostError(prefix + "event types getter returned NULL with " + std::to_string(n) + " types");
    }
    if (t != nullptr) out.assign(t, t + n);
    return out;
}

}  // namespace

// ---- logs, counters, metrics --------------------------------------------------------------------

const char* severity_name(ss_plugin_log_severity s) {
    switch (s) {
        case SS_PLUGIN_LOG_SEV_FATAL: return "fatal";
        case SS_PLUGIN_LOG_SEV_CRITICAL: return "critical";
        case SS_PLUGIN_LOG_SEV_ERROR: return "error";
        case SS_PLUGIN_LOG_SEV_WARNING: return "warning";
        case SS_PLUGIN_LOG_SEV_NOTICE: return "notice";
        case SS_PLUGIN_LOG_SEV_INFO: return "info";
        case SS_PLUGIN_LOG_SEV_DEBUG: return "debug";
        case SS_PLUGIN_LOG_SEV_TRACE: return "trace";
    }
    return "unknown";
}

std::string Summary::str() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%llu events, %.1f events/s, %llu batches, %llu errors",
                  static_cast<unsigned long long>(events), events_per_second(),
                  static_cast<unsigned long long>(batches), static_cast<unsigned long long>(errors));
    return buf;
}

double Metric::as_double() const {
    switch (value_type) {
        case SS_PLUGIN_METRIC_VALUE_TYPE_U32: return value.u32;
        case SS_PLUGIN_METRIC_VALUE_TYPE_S32: return value.s32;
        case SS_PLUGIN_METRIC_VALUE_TYPE_U64: return static_cast<double>(value.u64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_S64: return static_cast<double>(value.s64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_D: return value.d;
        case SS_PLUGIN_METRIC_VALUE_TYPE_F: return value.f;
        case SS_PLUGIN_METRIC_VALUE_TYPE_I: return value.i;
    }
    return 0;
}

// ---- owner callbacks ----------------------------------------------------------------------------

const char* Host::owner_last_error(ss_plugin_owner_t* o) {
    auto* h = static_cast<Host*>(o);
    if (h == nullptr || h->owner_last_error_.empty()) return nullptr;
    return h->owner_last_error_.c_str();
}

void Host::owner_log(ss_plugin_owner_t* o, const char* component, const char* msg, ss_plugin_log_severity sev) {
    auto* h = static_cast<Host*>(o);
    if (h == nullptr) return;
    LogMessage m{component ? component : h->name_, msg ? msg : "(null)", sev};
    if (h->options_.verbose) {
        std::fprintf(stderr, "[%s] %s: %s\n", severity_name(sev), m.component.c_str(), m.message.c_str());
    }
    std::lock_guard<std::mutex> lock(h->log_mutex_);
    h->logs_.push_back(std::move(m));
}

std::vector<LogMessage> Host::logs() const {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return logs_;
}

Summary Host::summary() const {
    Summary s = summary_;
    {
        std::lock_guard<std::mutex> lock(async_mutex_);
        s.errors += async_errors_.size();
    }
    if (clock_started_) {
        s.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start_).count();
    }
    return s;
}

// ---- lifecycle ----------------------------------------------------------------------------------

[[noreturn]] void Host::fail(const std::string& msg) {
    ++summary_.errors;
    throw HostError(msg);
}

void Host::require_init(const char* what) const {
    if (!inited_) {
        throw HostError(std::string("plugin capability used before init: ") + what + " (plugin " + name_ + ")");
    }
}

std::string Host::last_error() const {
    if (state_ == nullptr || api_.get_last_error == nullptr) return {};
    return opt_str(api_.get_last_error(state_));
}

std::string Host::plugin_error() const {
    if (state_ == nullptr) return "plugin handle or 'get_last_error' function not defined";
    std::string e = last_error();
    return e.empty() ? "(plugin_get_last_error returned no message)" : e;
}

std::string Host::validated_config(const std::string& config) const {
    ss_plugin_schema_type type = SS_PLUGIN_SCHEMA_NONE;
    std::string schema;
    if (api_.get_init_schema != nullptr) schema = opt_str(api_.get_init_schema(&type));
    if (schema.empty() || type == SS_PLUGIN_SCHEMA_NONE) {
        return config;  // opaque
    }
    if (type != SS_PLUGIN_SCHEMA_JSON) {
        throw HostError(err_prefix() + "get_init_schema returned an unknown schema type " + std::to_string(type));
    }
    json schema_json;
    try {
        schema_json = json::parse(schema);
    } catch (const json::parse_error& e) {
        throw HostError(err_prefix() + "get_init_schema did not return a json object: " + e.what());
    }
    if (!schema_json.is_object()) {
        throw HostError(err_prefix() + "get_init_schema did not return a json object");
    }
    std::string conf = config.empty() ? "{}" : config;
    json conf_json;
    try {
        conf_json = json::parse(conf);
    } catch (const json::parse_error& e) {
        throw HostError(err_prefix() + "init config is not a valid json: " + e.what());
    }
    if (auto v = validate_json_schema(schema_json, conf_json)) {
        throw HostError("error in plugin " + name_ + " init config: " + v->str());
    }
    return conf;
}

void Host::init(const std::string& config) {
    if (inited_) {
        throw HostError("plugin has been initialized twice: " + name_);
    }
    config_ = validated_config(config);
    call_plugin_init();
    inited_ = true;
    clock_start_ = std::chrono::steady_clock::now();
    clock_started_ = true;
    load_event_types();
}

void Host::call_plugin_init() {
    ss_plugin_init_input in{};
    in.config = config_.c_str();
    in.owner = this;
    in.get_owner_last_error = &Host::owner_last_error;
    in.tables = nullptr;
    in.log_fn = &Host::owner_log;
    // libsinsp gives the tables to the plugins that parse or extract.
    detail::InitTables tables;
    detail::fill_init_tables(tables);
    if (caps_ & (CAP_PARSING | CAP_EXTRACTION)) in.tables = &tables.input;

    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_plugin_t* state = nullptr;
    {
        detail::TableCall call(table_owner_.get());
        state = api_.init(&in, &rc);
    }
    state_ = state;
    if (rc != SS_PLUGIN_SUCCESS) {
        std::string msg;
        if (state != nullptr) {
            msg = "could not initialize plugin: " + plugin_error();
            api_.destroy(state);
            state_ = nullptr;
        } else {
            msg = "could not initialize plugin: plugin_init returned " + rc_name(rc) + " and no state";
        }
        throw HostError(msg);
    }
}

void Host::load_event_types() {
    try {
        if (caps_ & CAP_EXTRACTION) extract_types_ = event_types(api_.get_extract_event_types, state_, err_prefix());
        if (caps_ & CAP_PARSING) parse_types_ = event_types(api_.get_parse_event_types, state_, err_prefix());
    } catch (...) {
        ++summary_.errors;
        throw;
    }
}

bool Host::set_config(const std::string& config) {
    require_init("set_config");
    std::string conf = validated_config(config);
    if (api_.set_config == nullptr) return false;
    ss_plugin_set_config_input in{conf.c_str()};
    ss_plugin_rc rc = api_.set_config(state_, &in);
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "set_config failed: " + plugin_error());
    return true;
}

void Host::destroy() {
    if (capture_open_) {
        try {
            capture_close();
        } catch (const HostError&) {
        }
    }
    if (options_.thread_pool != nullptr) options_.thread_pool->purge(this);
    teardown_tables();
    if (state_ != nullptr && api_.destroy != nullptr) {
        api_.destroy(state_);
    }
    state_ = nullptr;
    inited_ = false;
}

std::vector<Metric> Host::metrics() {
    require_init("get_metrics");
    std::vector<Metric> out;
    if (api_.get_metrics == nullptr) return out;
    uint32_t n = 0;
    ss_plugin_metric* m = api_.get_metrics(state_, &n);
    if (m == nullptr && n > 0) fail(err_prefix() + "get_metrics returned NULL with " + std::to_string(n) + " metrics");
    for (uint32_t i = 0; i < n; ++i) {
        if (m[i].name == nullptr)
            fail(err_prefix() + "get_metrics returned a metric with a NULL name (#" + std::to_string(i) + ")");
        out.push_back(Metric{name_ + "." + m[i].name, m[i].type, m[i].value_type, m[i].value});
    }
    return out;
}

std::string Host::required_event_schema_version() {
    require_init("get_required_event_schema_version");
    if (api_.get_required_event_schema_version == nullptr) return "3.0.0";
    const char* s = api_.get_required_event_schema_version(state_);
    return s == nullptr ? "3.0.0" : s;
}

namespace {

// libsinsp's event codes of a capability: the plugin's list, else every code
// for a syscall-compatible source list (none, or one naming syscall), else
// the plugin event only. Whether they include more than the plugin event.
bool codes_beyond_plugin_event(const std::vector<uint16_t>& types, const std::set<std::string>& sources) {
    if (!types.empty()) {
        return std::any_of(types.begin(), types.end(), [](uint16_t t) { return t != kPluginEventType; });
    }
    return syscall_compatible(sources);
}

bool parse_version(const char* text, uint32_t v[3]) {
    return std::sscanf(text, "%" SCNu32 ".%" SCNu32 ".%" SCNu32, &v[0], &v[1], &v[2]) == 3;
}

}  // namespace

bool Host::reads_kernel_events() const {
    return ((caps_ & CAP_PARSING) && codes_beyond_plugin_event(parse_types_, parse_sources_)) ||
           ((caps_ & CAP_EXTRACTION) && codes_beyond_plugin_event(extract_types_, extract_sources_));
}

void Host::check_event_schema_version(const std::string& in_use) {
    require_init("check_event_schema_version");
    uint32_t have[3];
    if (!parse_version(in_use.c_str(), have)) throw HostError("invalid event schema version '" + in_use + "'");
    if (!reads_kernel_events()) return;
    uint32_t want[3] = {3, 0, 0};
    const char* required = nullptr;
    if (api_.get_required_event_schema_version != nullptr) {
        required = api_.get_required_event_schema_version(state_);
        if (required != nullptr && !parse_version(required, want)) {
            fail("plugin " + name_ + " provided an invalid required event schema version: '" + required + "'");
        }
    }
    std::string why;
    if (have[0] != want[0]) {
        why = "major versions disagree";
    } else if (have[1] < want[1]) {
        why = "minor version is less than the requested one";
    } else if (have[1] == want[1] && have[2] < want[2]) {
        why = "patch version is less than the requested one";
    }
    if (!why.empty()) {
        fail("plugin " + name_ + " required event schema version '" + (required != nullptr ? required : "3.0.0") +
             "' not compatible with the event schema version in use '" + in_use + "': " + why);
    }
}

}  // namespace falcogen::host
