// Plugin loading and lifecycle, judged by libsinsp/libscap's rules.
#include <falcogen/host/host.hpp>
#include <falcogen/host/json_schema.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

namespace falcogen::host {

using nlohmann::json;

namespace {

const char* const kNameRule = "^[a-z]+[a-z0-9-_]*$";
const char* const kSourceRule = "^[a-z]+[a-z0-9_]*$";

std::string opt_str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

std::string rc_name(int rc) {
    switch (rc) {
        case SS_PLUGIN_SUCCESS:
            return "SUCCESS";
        case SS_PLUGIN_FAILURE:
            return "FAILURE";
        case SS_PLUGIN_TIMEOUT:
            return "TIMEOUT";
        case SS_PLUGIN_EOF:
            return "EOF";
        case SS_PLUGIN_NOT_SUPPORTED:
            return "NOT_SUPPORTED";
        default:
            return "unknown rc " + std::to_string(rc);
    }
}

// Parses a JSON array of strings (sources, async event names) by libsinsp's rules.
std::set<std::string> json_strlist(const std::string& plugin, const char* symbol, const char* text, bool allow_empty) {
    std::set<std::string> out;
    const std::string pre = "error in plugin " + plugin + ": '" + symbol + "' ";
    std::string s = opt_str(text);
    if (s.empty()) {
        if (allow_empty) return out;
        throw HostError(pre + "did not return a json array but it should");
    }
    json root;
    try {
        root = json::parse(s);
    } catch (const json::parse_error&) {
        throw HostError(pre + "did not return a json array: " + s);
    }
    if (!root.is_array()) throw HostError(pre + "did not return a json array: " + s);
    for (const auto& e : root) {
        if (!e.is_string()) throw HostError(pre + "did not return a json array of strings: " + s);
        if (!e.get<std::string>().empty()) out.insert(e.get<std::string>());
    }
    if (!allow_empty && out.empty()) throw HostError(pre + "returned an empty list but it should not");
    return out;
}

bool is_valid_index(const std::string& s, uint64_t& out) {
    if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
    if (s.find_first_not_of("0123456789") != std::string::npos) return false;
    try {
        size_t pos = 0;
        unsigned long long v = std::stoull(s, &pos);
        out = v;
        return pos == s.size();
    } catch (...) {
        return false;
    }
}

}  // namespace

// ---- free helpers --------------------------------------------------------------------------

std::string Version::str() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Version> Version::parse(const std::string& s) {
    static const std::regex kVersionRe(R"(^(\d+)\.(\d+)\.(\d+)$)");
    std::smatch m;
    if (!std::regex_match(s, m, kVersionRe)) return std::nullopt;
    try {
        Version v;
        auto p = [](const std::string& x) {
            unsigned long n = std::stoul(x);
            if (n > UINT32_MAX) throw std::out_of_range("version");
            return static_cast<uint32_t>(n);
        };
        v.major = p(m[1]);
        v.minor = p(m[2]);
        v.patch = p(m[3]);
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

bool is_semver(const std::string& s) {
    static const std::regex kSemverRe(
        R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*))"
        R"((?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?)"
        R"((?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$)");
    return std::regex_match(s, kSemverRe);
}

std::string capabilities_to_string(uint32_t caps) {
    std::string s;
    auto add = [&](uint32_t c, const char* n) {
        if (caps & c) s += (s.empty() ? "" : ", ") + std::string(n);
    };
    add(CAP_SOURCING, "sourcing");
    add(CAP_EXTRACTION, "extraction");
    add(CAP_PARSING, "parsing");
    add(CAP_ASYNC, "async");
    add(CAP_CAPTURE_LISTENING, "capture listening");
    return s.empty() ? "none" : s;
}

const char* severity_name(ss_plugin_log_severity s) {
    switch (s) {
        case SS_PLUGIN_LOG_SEV_FATAL:
            return "fatal";
        case SS_PLUGIN_LOG_SEV_CRITICAL:
            return "critical";
        case SS_PLUGIN_LOG_SEV_ERROR:
            return "error";
        case SS_PLUGIN_LOG_SEV_WARNING:
            return "warning";
        case SS_PLUGIN_LOG_SEV_NOTICE:
            return "notice";
        case SS_PLUGIN_LOG_SEV_INFO:
            return "info";
        case SS_PLUGIN_LOG_SEV_DEBUG:
            return "debug";
        case SS_PLUGIN_LOG_SEV_TRACE:
            return "trace";
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
        case SS_PLUGIN_METRIC_VALUE_TYPE_U32:
            return value.u32;
        case SS_PLUGIN_METRIC_VALUE_TYPE_S32:
            return value.s32;
        case SS_PLUGIN_METRIC_VALUE_TYPE_U64:
            return static_cast<double>(value.u64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_S64:
            return static_cast<double>(value.s64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_D:
            return value.d;
        case SS_PLUGIN_METRIC_VALUE_TYPE_F:
            return value.f;
        case SS_PLUGIN_METRIC_VALUE_TYPE_I:
            return value.i;
    }
    return 0;
}

// ---- loading ---------------------------------------------------------------------------------

Host::Host(const std::string& path, HostOptions options) : path_(path), options_(options) {
    try {
        load();
    } catch (...) {
        if (dl_ != nullptr) dlclose(dl_);
        dl_ = nullptr;
        throw;
    }
}

Host::~Host() {
    for (Instance* i : std::vector<Instance*>(instances_.begin(), instances_.end())) {
        try {
            i->close();
        } catch (...) {
        }
        i->host_ = nullptr;
    }
    instances_.clear();
    try {
        stop_async();
    } catch (...) {
    }
    destroy();
    if (dl_ != nullptr) dlclose(dl_);
}

void Host::load() {
    dlerror();
    dl_ = dlopen(path_.c_str(), RTLD_LOCAL | RTLD_NOW);
    if (dl_ == nullptr) {
        const char* e = dlerror();
        throw HostError("can't load plugin dynamic library: " + opt_str(e));
    }
    resolve_symbols();
    check_api_version();
    check_required_symbols();
    load_static_info();
    detect_capabilities();

    if (caps_ & CAP_EXTRACTION) {
        fields_ = parse_fields_json(name_, api_.get_fields());
        extract_sources_ =
            json_strlist(name_, "get_extract_event_sources",
                         api_.get_extract_event_sources ? api_.get_extract_event_sources() : nullptr, true);
        if ((caps_ & CAP_SOURCING) && !event_source_.empty()) extract_sources_.insert(event_source_);
    }
    if (caps_ & CAP_PARSING) {
        parse_sources_ = json_strlist(name_, "get_parse_event_sources",
                                      api_.get_parse_event_sources ? api_.get_parse_event_sources() : nullptr, true);
        if ((caps_ & CAP_SOURCING) && !event_source_.empty()) parse_sources_.insert(event_source_);
    }
    if (caps_ & CAP_ASYNC) {
        async_sources_ = json_strlist(name_, "get_async_event_sources",
                                      api_.get_async_event_sources ? api_.get_async_event_sources() : nullptr, true);
        async_names_ = json_strlist(name_, "get_async_events", api_.get_async_events(), false);
    }
}

void* Host::symbol(const char* name) const { return dl_ ? dlsym(dl_, name) : nullptr; }

void Host::resolve_symbols() {
#define FALCOGEN_RESOLVE(s) *reinterpret_cast<void**>(&api_.s) = dlsym(dl_, "plugin_" #s)
    FALCOGEN_RESOLVE(get_required_api_version);
    FALCOGEN_RESOLVE(get_init_schema);
    FALCOGEN_RESOLVE(init);
    FALCOGEN_RESOLVE(destroy);
    FALCOGEN_RESOLVE(get_last_error);
    FALCOGEN_RESOLVE(get_name);
    FALCOGEN_RESOLVE(get_description);
    FALCOGEN_RESOLVE(get_contact);
    FALCOGEN_RESOLVE(get_version);
    FALCOGEN_RESOLVE(get_id);
    FALCOGEN_RESOLVE(get_event_source);
    FALCOGEN_RESOLVE(open);
    FALCOGEN_RESOLVE(close);
    FALCOGEN_RESOLVE(list_open_params);
    FALCOGEN_RESOLVE(get_progress);
    FALCOGEN_RESOLVE(event_to_string);
    FALCOGEN_RESOLVE(next_batch);
    FALCOGEN_RESOLVE(get_fields);
    FALCOGEN_RESOLVE(extract_fields);
    FALCOGEN_RESOLVE(get_extract_event_types);
    FALCOGEN_RESOLVE(get_extract_event_sources);
    FALCOGEN_RESOLVE(parse_event);
    FALCOGEN_RESOLVE(get_parse_event_types);
    FALCOGEN_RESOLVE(get_parse_event_sources);
    FALCOGEN_RESOLVE(get_async_events);
    FALCOGEN_RESOLVE(get_async_event_sources);
    FALCOGEN_RESOLVE(set_async_event_handler);
    FALCOGEN_RESOLVE(set_config);
    FALCOGEN_RESOLVE(get_metrics);
    FALCOGEN_RESOLVE(capture_open);
    FALCOGEN_RESOLVE(capture_close);
    FALCOGEN_RESOLVE(dump_state);
    FALCOGEN_RESOLVE(get_required_event_schema_version);
#undef FALCOGEN_RESOLVE
}

void Host::check_api_version() {
    if (api_.get_required_api_version == nullptr) {
        throw HostError("required symbol not implemented: 'plugin_get_required_api_version'");
    }
    const char* raw = api_.get_required_api_version();
    if (raw == nullptr) {
        throw HostError("plugin_get_required_api_version returned NULL (expected X.Y.Z)");
    }
    required_api_version_ = raw;
    auto v = Version::parse(required_api_version_);
    if (!v) {
        throw HostError("invalid required API version '" + required_api_version_ + "' (expected X.Y.Z)");
    }
    const Version& h = kHostApiVersion;
    std::string why;
    if (v->major != h.major) {
        why = "major must match";
    } else if (v->minor > h.minor) {
        why = "the host's minor " + std::to_string(h.minor) + " is less than the required " + std::to_string(v->minor);
    } else if (v->minor == h.minor && v->patch > h.patch) {
        why = "the host's patch " + std::to_string(h.patch) + " is less than the required " + std::to_string(v->patch);
    }
    if (!why.empty()) {
        throw HostError("plugin required API version '" + required_api_version_ +
                        "' is not compatible with the host's " + h.str() + " (" + why + ")");
    }
}

void Host::check_required_symbols() {
    const std::pair<const char*, const void*> required[] = {
        {"plugin_get_required_api_version", reinterpret_cast<const void*>(api_.get_required_api_version)},
        {"plugin_get_version", reinterpret_cast<const void*>(api_.get_version)},
        {"plugin_get_name", reinterpret_cast<const void*>(api_.get_name)},
        {"plugin_get_description", reinterpret_cast<const void*>(api_.get_description)},
        {"plugin_get_contact", reinterpret_cast<const void*>(api_.get_contact)},
        {"plugin_init", reinterpret_cast<const void*>(api_.init)},
        {"plugin_destroy", reinterpret_cast<const void*>(api_.destroy)},
        {"plugin_get_last_error", reinterpret_cast<const void*>(api_.get_last_error)},
    };
    for (const auto& [name, fn] : required) {
        if (fn == nullptr) {
            throw HostError(std::string("required symbol not implemented: '") + name + "'");
        }
    }
}

void Host::load_static_info() {
    auto need = [](const char* (*fn)(), const char* sym) {
        const char* s = fn();
        if (s == nullptr) throw HostError(std::string(sym) + " returned NULL (a string is required)");
        return std::string(s);
    };
    version_ = need(api_.get_version, "plugin_get_version");
    if (!is_semver(version_)) {
        throw HostError("plugin provided an invalid version string '" + version_ + "' (expected semver X.Y.Z)");
    }
    name_ = need(api_.get_name, "plugin_get_name");
    static const std::regex kNameRe(kNameRule);
    if (!std::regex_match(name_, kNameRe)) {
        throw HostError("invalid plugin name '" + name_ + "' (must match " + kNameRule + ")");
    }
    description_ = need(api_.get_description, "plugin_get_description");
    contact_ = need(api_.get_contact, "plugin_get_contact");
}

void Host::detect_capabilities() {
    const std::string pre = "broken plugin capabilities: ";
    uint32_t caps = CAP_NONE;

    // sourcing: open, close and next_batch all or none
    const bool o = api_.open != nullptr, c = api_.close != nullptr, n = api_.next_batch != nullptr;
    if (o || c || n) {
        if (!(o && c && n)) {
            std::string missing;
            if (!o) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_open'";
            if (!c) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_close'";
            if (!n) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_next_batch'";
            throw HostError(pre +
                            "plugin_open, plugin_close and plugin_next_batch must be implemented together (missing: " +
                            missing + ")");
        }
        uint32_t id = api_.get_id ? api_.get_id() : 0;
        std::string src;
        if (api_.get_event_source != nullptr) {
            const char* s = api_.get_event_source();
            if (s == nullptr && id != 0) {
                throw HostError("plugin_get_event_source returned NULL (a string is required when the id is " +
                                std::to_string(id) + ")");
            }
            src = opt_str(s);
        }
        if (id != 0 && src.empty()) {
            throw HostError(pre + "id and event source must be both set or both unset (id " + std::to_string(id) +
                            ", source '')");
        }
        if (id == 0 && !src.empty()) {
            throw HostError(pre + "id and event source must be both set or both unset (id 0, source '" + src + "')");
        }
        if (src == "syscall") {
            throw HostError("plugin can't implement the reserved event source 'syscall'");
        }
        static const std::regex kSourceRe(kSourceRule);
        if (!src.empty() && !std::regex_match(src, kSourceRe)) {
            throw HostError("invalid event source '" + src + "' (must match " + kSourceRule + ")");
        }
        if (id >= (1u << 31)) {
            throw HostError("plugin id " + std::to_string(id) + " is in the reserved range (>= 2^31)");
        }
        id_ = id;
        event_source_ = src;
        caps |= CAP_SOURCING;
    }

    // extraction
    if (api_.extract_fields != nullptr && api_.get_fields == nullptr) {
        throw HostError(pre + "'plugin_extract_fields' is implemented without 'plugin_get_fields'");
    }
    if (api_.get_fields != nullptr && api_.extract_fields != nullptr) caps |= CAP_EXTRACTION;

    // parsing
    if (api_.parse_event != nullptr) caps |= CAP_PARSING;

    // async
    if (api_.set_async_event_handler != nullptr && api_.get_async_events == nullptr) {
        throw HostError(pre + "'plugin_set_async_event_handler' is implemented without 'plugin_get_async_events'");
    }
    if (api_.get_async_events != nullptr && api_.set_async_event_handler != nullptr) caps |= CAP_ASYNC;

    // capture listening
    if (api_.capture_open != nullptr && api_.capture_close == nullptr) {
        throw HostError(pre + "'plugin_capture_open' is implemented without 'plugin_capture_close'");
    }
    if (api_.capture_open != nullptr && api_.capture_close != nullptr) caps |= CAP_CAPTURE_LISTENING;

    if (caps == CAP_NONE) {
        throw HostError(
            "plugin has no capabilities (it implements none of sourcing, extraction, parsing, async, "
            "capture listening)");
    }
    caps_ = caps;
}

std::string Host::events_source_name() const {
    if (!event_source_.empty()) return event_source_;
    return (caps_ & CAP_SOURCING) ? "syscall" : "";
}

const FieldInfo* Host::find_field(const std::string& name) const {
    for (const auto& f : fields_) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

ss_plugin_schema_type Host::init_schema_type() const {
    if (api_.get_init_schema == nullptr) return SS_PLUGIN_SCHEMA_NONE;
    ss_plugin_schema_type t = SS_PLUGIN_SCHEMA_NONE;
    api_.get_init_schema(&t);
    return t;
}

std::string Host::init_schema() const {
    if (api_.get_init_schema == nullptr) return {};
    ss_plugin_schema_type t = SS_PLUGIN_SCHEMA_NONE;
    std::string s = opt_str(api_.get_init_schema(&t));
    return t == SS_PLUGIN_SCHEMA_NONE ? std::string() : s;
}

// ---- owner callbacks ------------------------------------------------------------------------

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

// ---- lifecycle --------------------------------------------------------------------------------

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

    ss_plugin_init_input in{};
    in.config = config_.c_str();
    in.owner = this;
    in.get_owner_last_error = &Host::owner_last_error;
    in.tables = nullptr;
    in.log_fn = &Host::owner_log;

    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_plugin_t* state = api_.init(&in, &rc);
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
    inited_ = true;
    clock_start_ = std::chrono::steady_clock::now();
    clock_started_ = true;

    auto codes = [&](uint16_t* (*fn)(uint32_t*, ss_plugin_t*)) {
        std::vector<uint16_t> out;
        if (fn == nullptr) return out;
        uint32_t n = 0;
        uint16_t* t = fn(&n, state_);
        if (t == nullptr && n > 0) {
            throw HostError(err_prefix() + "event types getter returned NULL with " + std::to_string(n) + " types");
        }
        if (t != nullptr) out.assign(t, t + n);
        return out;
    };
    try {
        if (caps_ & CAP_EXTRACTION) extract_types_ = codes(api_.get_extract_event_types);
        if (caps_ & CAP_PARSING) parse_types_ = codes(api_.get_parse_event_types);
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

// ---- sourcing -------------------------------------------------------------------------------------

std::vector<OpenParam> Host::list_open_params() {
    require_init("list_open_params");
    if (api_.list_open_params == nullptr || state_ == nullptr) return {};
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    std::string text = opt_str(api_.list_open_params(state_, &rc));
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "list_open_params has error " + plugin_error());
    try {
        return parse_open_params_json(name_, text);
    } catch (const HostError&) {
        ++summary_.errors;
        throw;
    }
}

std::unique_ptr<Instance> Host::open(const std::string& params) {
    require_init("open");
    if (!(caps_ & CAP_SOURCING)) {
        fail("plugin " + name_ + " has no event sourcing capability: it cannot be opened");
    }
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_instance_t* h = api_.open(state_, params.c_str(), &rc);
    if (rc != SS_PLUGIN_SUCCESS) {
        std::string msg = "could not open plugin " + name_ + ": " + plugin_error();
        // libscap calls close even when open failed (either pointer may be NULL).
        api_.close(state_, h);
        fail(msg);
    }
    if (!clock_started_ || summary_.events == 0) {
        clock_start_ = std::chrono::steady_clock::now();
        clock_started_ = true;
    }
    std::unique_ptr<Instance> inst(new Instance(*this, h));
    instances_.insert(inst.get());
    return inst;
}

void Host::forget_instance(Instance* i) { instances_.erase(i); }

std::string Host::event_to_string(const HostEvent& evt) {
    require_init("event_to_string");
    if (!evt.is_plugin_event()) {
        return "type=" + std::to_string(evt.type()) + " nparams=" + std::to_string(evt.nparams()) +
               " len=" + std::to_string(evt.len());
    }
    std::string ret;
    if (state_ != nullptr && api_.event_to_string != nullptr && id_ != 0 && evt.plugin_id() == id_) {
        ss_plugin_event_input in{};
        in.evt = evt.header();
        in.evtnum = evt.evtnum();
        std::string src = evt.source().empty() ? events_source_name() : evt.source();
        in.evtsrc = src.c_str();
        ret = opt_str(api_.event_to_string(state_, &in));
    }
    if (ret.empty()) {
        ByteSpan p = evt.payload();
        ret = "datalen=" + std::to_string(p.size) + " data=";
        size_t n = std::min<size_t>(p.size, 50);
        for (size_t i = 0; i < n; ++i) {
            if (!std::isprint(p.data[i])) return ret + "<binary>";
        }
        ret.append(reinterpret_cast<const char*>(p.data), n);
        if (p.size > 50) ret += "...";
    }
    return ret;
}

// ---- Instance --------------------------------------------------------------------------------------

Instance::~Instance() {
    try {
        close();
    } catch (...) {
    }
}

void Instance::close() {
    if (!open_) return;
    open_ = false;
    if (host_ != nullptr) {
        host_->api_.close(host_->state_, handle_);
        host_->forget_instance(this);
    }
}

void Instance::pull_batch(bool& got_timeout) {
    Host& h = *host_;
    uint32_t n = 0;
    ss_plugin_event** evts = nullptr;
    ss_plugin_rc rc = h.api_.next_batch(h.state_, handle_, &n, &evts);
    ++h.summary_.calls;
    const std::string pre = h.err_prefix();
    if (rc != SS_PLUGIN_SUCCESS && rc != SS_PLUGIN_FAILURE && rc != SS_PLUGIN_TIMEOUT && rc != SS_PLUGIN_EOF) {
        h.fail(pre + "next_batch returned an invalid rc " + std::to_string(static_cast<int>(rc)));
    }
    if (n > 0 && evts == nullptr) {
        h.fail(pre + "next_batch returned " + std::to_string(n) + " events but a NULL event array");
    }
    std::vector<HostEvent> batch;
    batch.reserve(n);
    const uint64_t now = now_ns();
    const std::string src = h.events_source_name();
    for (uint32_t i = 0; i < n; ++i) {
        if (evts[i] == nullptr) {
            h.fail(pre + "next_batch returned a NULL event pointer at index " + std::to_string(i) + " of " +
                   std::to_string(n));
        }
        try {
            batch.push_back(check_and_copy_event(evts[i], h.id_, h.next_evtnum_ + i, now));
        } catch (const HostError& e) {
            h.fail(std::string(e.what()) + " (event #" + std::to_string(i) + " of a batch of " + std::to_string(n) +
                   ")");
        }
        batch.back().set_source(src);
    }
    h.next_evtnum_ += n;
    if (n > 0) ++h.summary_.batches;
    for (auto& e : batch) pending_.push_back(std::move(e));

    switch (rc) {
        case SS_PLUGIN_SUCCESS:
            if (n == 0)
                h.fail(pre + "unexpected 0 size event returned by plugin (next_batch returned SUCCESS with 0 events)");
            break;
        case SS_PLUGIN_TIMEOUT:
            ++h.summary_.timeouts;
            got_timeout = true;
            break;
        case SS_PLUGIN_EOF:
            eof_ = true;
            break;
        default:  // FAILURE: the events of this batch are delivered first, then the error
            ++h.summary_.errors;
            deferred_error_ = pre + "next_batch failed: " + h.plugin_error();
            break;
    }
}

std::vector<HostEvent> Instance::next(size_t max_events) {
    if (host_ == nullptr) throw HostError("the plugin host of this instance was destroyed");
    if (!open_) throw HostError("next() called on a closed instance");
    std::vector<HostEvent> out;
    uint32_t timeouts = 0;
    const auto& opt = host_->options_;
    while (out.size() < max_events) {
        if (!pending_.empty()) {
            out.push_back(std::move(pending_.front()));
            pending_.pop_front();
            ++host_->summary_.events;
            continue;
        }
        if (deferred_error_) {
            if (!out.empty()) break;  // deliver these first
            std::string e = *deferred_error_;
            deferred_error_.reset();
            failed_ = true;
            throw HostError(e);
        }
        if (failed_) throw HostError("next() called after the plugin failed");
        if (eof_) break;
        bool timeout = false;
        pull_batch(timeout);
        if (timeout && pending_.empty()) {
            if (!out.empty()) break;
            if (opt.interrupted && opt.interrupted()) break;
            ++timeouts;
            if (opt.max_consecutive_timeouts != 0 && timeouts >= opt.max_consecutive_timeouts) {
                host_->fail(host_->err_prefix() + "next_batch returned TIMEOUT " + std::to_string(timeouts) +
                            " times in a row without events");
            }
            if (opt.timeout_backoff.count() > 0) std::this_thread::sleep_for(opt.timeout_backoff);
        } else if (timeout) {
            // events came with the TIMEOUT: hand them out, then return
            while (!pending_.empty() && out.size() < max_events) {
                out.push_back(std::move(pending_.front()));
                pending_.pop_front();
                ++host_->summary_.events;
            }
            break;
        }
    }
    return out;
}

std::optional<HostEvent> Instance::next_event() {
    auto v = next(1);
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
}

std::vector<HostEvent> Instance::read_all(size_t limit) {
    std::vector<HostEvent> out;
    while (out.size() < limit) {
        auto v = next(std::min<size_t>(limit - out.size(), 1024));
        if (v.empty()) break;
        for (auto& e : v) out.push_back(std::move(e));
    }
    return out;
}

Progress Instance::progress() {
    Progress p;
    if (host_ == nullptr || host_->api_.get_progress == nullptr || !open_) return p;
    p.supported = true;
    uint32_t pct = 0;
    p.text = opt_str(host_->api_.get_progress(host_->state_, handle_, &pct));
    if (pct > 10000) {
        host_->fail(host_->err_prefix() + "get_progress reported " + std::to_string(pct) +
                    " (expected 0..10000, i.e. 0.00%..100.00%)");
    }
    p.pct = pct;
    return p;
}

// ---- async events ----------------------------------------------------------------------------------------

ByteSpan AsyncEvent::data() const {
    const auto& b = event.bytes();
    uint32_t namelen = 0, datalen = 0;
    std::memcpy(&namelen, &b[30], 4);
    std::memcpy(&datalen, &b[34], 4);
    return ByteSpan{b.data() + 42 + namelen, datalen};
}

ss_plugin_rc Host::owner_async_handler(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err) {
    auto* h = static_cast<Host*>(o);
    auto reject = [&](const std::string& msg) {
        const std::string full = "error in plugin " + h->name_ + ": " + msg;
        if (err != nullptr) {
            std::snprintf(err, PLUGIN_MAX_ERRLEN, "%s", full.c_str());
        }
        std::lock_guard<std::mutex> lock(h->async_mutex_);
        h->async_errors_.push_back(full);
        return SS_PLUGIN_FAILURE;
    };
    if (h == nullptr) return SS_PLUGIN_FAILURE;
    if (evt == nullptr) return reject("async event handler called with a NULL event");
    const auto* raw = reinterpret_cast<const uint8_t*>(evt);
    uint32_t len = 0, nparams = 0;
    uint16_t type = 0;
    std::memcpy(&len, raw + 16, 4);
    std::memcpy(&type, raw + 20, 2);
    std::memcpy(&nparams, raw + 22, 4);
    const std::string pre = "malformed async event: ";
    if (len < kEventHeaderSize)
        return reject(pre + "len " + std::to_string(len) + " is shorter than the 26-byte event header");
    if (type != kAsyncEventType) return reject(pre + "event type " + std::to_string(type) + " (expected 402)");
    if (nparams != 3) return reject(pre + "nparams " + std::to_string(nparams) + " (expected 3)");
    if (len < 38)
        return reject(pre + "len " + std::to_string(len) +
                      " is too short for the 3 parameter lengths (need at least 38)");
    uint32_t l0 = 0, l1 = 0, l2 = 0;
    std::memcpy(&l0, raw + 26, 4);
    std::memcpy(&l1, raw + 30, 4);
    std::memcpy(&l2, raw + 34, 4);
    if (l0 != 4) return reject(pre + "plugin_id parameter length " + std::to_string(l0) + " (expected 4)");
    const uint64_t expected = 38ull + l0 + l1 + l2;
    if (expected != len) {
        return reject(pre + "len " + std::to_string(len) +
                      " does not match 26+12+4+namelen+datalen = " + std::to_string(expected));
    }
    if (l1 == 0 || raw[42 + l1 - 1] != '\0') return reject(pre + "the name is not NUL-terminated");
    std::string name(reinterpret_cast<const char*>(raw + 42));
    if (name.size() + 1 != l1) return reject(pre + "the name has an embedded NUL");
    if (h->async_names_.count(name) == 0)
        return reject("incompatible async event '" + name + "' (not in get_async_events)");
    std::vector<uint8_t> bytes(raw, raw + len);
    std::memcpy(&bytes[38], &h->id_, 4);
    uint64_t ts = 0;
    std::memcpy(&ts, &bytes[0], 8);
    if (ts == UINT64_MAX) {
        ts = now_ns();
        std::memcpy(&bytes[0], &ts, 8);
    }
    AsyncEvent ae{name, HostEvent(std::move(bytes), 0, h->events_source_name())};
    {
        std::lock_guard<std::mutex> lock(h->async_mutex_);
        h->async_events_.push_back(ae);
    }
    if (h->async_cb_) h->async_cb_(ae);
    return SS_PLUGIN_SUCCESS;
}

void Host::start_async(std::function<void(const AsyncEvent&)> on_event) {
    require_init("set_async_event_handler");
    if (!(caps_ & CAP_ASYNC)) fail("plugin " + name_ + " has no async events capability");
    // The host always resets the handler to NULL before setting a new one.
    stop_async();
    async_cb_ = std::move(on_event);
    async_running_ = true;
    ss_plugin_rc rc = api_.set_async_event_handler(state_, this, &Host::owner_async_handler);
    if (rc != SS_PLUGIN_SUCCESS) {
        async_running_ = false;
        fail(err_prefix() + "set_async_event_handler failed: " + plugin_error());
    }
}

void Host::stop_async() {
    if (!async_running_) return;
    async_running_ = false;
    ss_plugin_rc rc = api_.set_async_event_handler(state_, this, nullptr);
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "set_async_event_handler(NULL) failed: " + plugin_error());
}

std::vector<AsyncEvent> Host::async_events() const {
    std::lock_guard<std::mutex> lock(async_mutex_);
    return async_events_;
}

std::vector<std::string> Host::async_errors() const {
    std::lock_guard<std::mutex> lock(async_mutex_);
    return async_errors_;
}

// ---- parsing -------------------------------------------------------------------------------------------

void Host::parse_event(const HostEvent& evt) {
    require_init("parse_event");
    if (!(caps_ & CAP_PARSING)) fail("plugin " + name_ + " has no event parsing capability");
    ss_plugin_event_input in{};
    in.evt = evt.header();
    in.evtnum = evt.evtnum();
    std::string src = evt.source().empty() ? events_source_name() : evt.source();
    in.evtsrc = src.c_str();
    ss_plugin_event_parse_input pin{};
    pin.owner = this;
    pin.get_owner_last_error = &Host::owner_last_error;
    ss_plugin_rc rc = api_.parse_event(state_, &in, &pin);
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "parse_event failed: " + plugin_error());
}

// ---- extraction ------------------------------------------------------------------------------------------

bool Host::extract_applies(const HostEvent& evt) const {
    const uint16_t type = evt.type();
    if (!extract_types_.empty()) {
        if (std::find(extract_types_.begin(), extract_types_.end(), type) == extract_types_.end()) return false;
    } else {
        // Default set: every event type if the plugin's sources include
        // "syscall" (an empty list means every source), else only 322.
        const bool syscall_ok = extract_sources_.empty() || extract_sources_.count("syscall") != 0;
        if (!syscall_ok && type != kPluginEventType) return false;
    }
    if (!extract_sources_.empty() && !evt.source().empty() && extract_sources_.count(evt.source()) == 0) {
        return false;
    }
    return true;
}

ExtractResult Host::extract(const HostEvent& evt, const std::string& field) {
    return std::move(do_extract(evt, {field}).front());
}

std::vector<ExtractResult> Host::extract_many(const HostEvent& evt, const std::vector<std::string>& fields) {
    return do_extract(evt, fields);
}

std::vector<ExtractResult> Host::do_extract(const HostEvent& evt, const std::vector<std::string>& requests) {
    require_init("extract_fields");
    if (!(caps_ & CAP_EXTRACTION)) fail("plugin " + name_ + " has no field extraction capability");
    if (requests.empty()) return {};
    if (evt.bytes().size() < kEventHeaderSize) fail("cannot extract from an event shorter than its header");

    struct Req {
        const FieldInfo* info;
        std::string arg;
        bool present = false;
        bool has_key = false;
        uint64_t index = UINT64_MAX;
    };
    std::vector<Req> reqs;
    reqs.reserve(requests.size());
    for (const auto& r : requests) {
        Req q;
        std::string name = r;
        const size_t lb = r.find('[');
        if (lb != std::string::npos) {
            name = r.substr(0, lb);
            if (lb + 1 >= r.size())
                fail("field '" + r + "': " + name + " terminates with incomplete argument brackets");
            const size_t rb = r.find(']', lb + 1);
            if (rb == std::string::npos) fail("field '" + r + "': " + name + " has unbalanced argument brackets");
            if (rb != r.size() - 1)
                fail("field '" + r + "': unexpected text after the argument: '" + r.substr(rb + 1) + "'");
            q.arg = r.substr(lb + 1, rb - lb - 1);
            q.present = true;
        }
        q.info = find_field(name);
        if (q.info == nullptr) fail("plugin " + name_ + " has no field '" + name + "'");
        const FieldInfo& f = *q.info;
        if (q.present) {
            if (!f.arg_allowed() && !f.arg_required) {
                fail("field '" + r + "': " + f.name +
                     " does not allow nor require an argument but one is provided: " + q.arg);
            }
            bool indexed = false;
            if (f.arg_index) {
                uint64_t idx = 0;
                if (is_valid_index(q.arg, idx)) {
                    q.index = idx;
                    indexed = true;
                } else if (!f.arg_key) {
                    std::string why = (q.arg.size() > 1 && q.arg[0] == '0')
                                          ? " has an invalid index argument starting with 0: "
                                      : q.arg.find_first_not_of("0123456789") != std::string::npos || q.arg.empty()
                                          ? " has an invalid index argument not composed only by digits: "
                                          : " has an invalid index argument not representable on 64 bit: ";
                    fail("field '" + r + "': " + f.name + why + q.arg);
                }
            }
            (void)indexed;
            if (f.arg_key) q.has_key = true;
        } else if (f.arg_required) {
            fail("field '" + r + "': " + f.name + " requires an argument but none provided");
        }
        reqs.push_back(std::move(q));
    }

    std::vector<ExtractResult> results(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        results[i].field = requests[i];
        results[i].type = reqs[i].info->type;
        results[i].is_list = reqs[i].info->is_list;
    }
    if (!extract_applies(evt)) return results;  // libsinsp does not call the plugin: no value

    std::vector<ss_plugin_extract_field> ef(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        std::memset(&ef[i], 0, sizeof ef[i]);
        ef[i].field_id = reqs[i].info->id;
        ef[i].field = reqs[i].info->name.c_str();
        ef[i].arg_key = reqs[i].has_key ? reqs[i].arg.c_str() : nullptr;
        ef[i].arg_index = reqs[i].index;
        ef[i].arg_present = reqs[i].present ? 1 : 0;
        ef[i].ftype = static_cast<uint32_t>(reqs[i].info->type);
        ef[i].flist = reqs[i].info->is_list ? 1 : 0;
    }
    ss_plugin_extract_value_offsets vo{nullptr, nullptr};
    ss_plugin_field_extract_input in{};
    in.owner = this;
    in.get_owner_last_error = &Host::owner_last_error;
    in.num_fields = static_cast<uint32_t>(ef.size());
    in.fields = ef.data();
    in.table_reader_ext = nullptr;
    in.value_offsets = options_.request_value_offsets ? &vo : nullptr;

    ss_plugin_event_input ein{};
    ein.evt = evt.header();
    ein.evtnum = evt.evtnum();
    std::string src = evt.source().empty() ? events_source_name() : evt.source();
    ein.evtsrc = src.c_str();

    ss_plugin_rc rc = api_.extract_fields(state_, &ein, &in);
    std::string names;
    for (const auto& r : requests) names += (names.empty() ? "'" : ", '") + r + "'";
    if (rc != SS_PLUGIN_SUCCESS) {
        fail(err_prefix() + "extract_fields failed for " + names + ": " + plugin_error());
    }

    for (size_t i = 0; i < ef.size(); ++i) {
        const auto& f = *reqs[i].info;
        const uint64_t n = ef[i].res_len;
        const std::string where = "field " + requests[i];
        if (n == 0) continue;
        if (n > 1 && !f.is_list) {
            fail(err_prefix() + "extract_fields returned " + std::to_string(n) + " values for " + where +
                 ", which is not a list (isList false)");
        }
        if (n > (1u << 24))
            fail(err_prefix() + "extract_fields returned an absurd res_len " + std::to_string(n) + " for " + where);
        if (ef[i].res.u64 == nullptr) {
            fail(err_prefix() + "extract_fields returned res_len " + std::to_string(n) + " but a NULL result for " +
                 where);
        }
        auto& vals = results[i].values;
        for (uint64_t k = 0; k < n; ++k) {
            switch (f.type) {
                case FieldType::String: {
                    const char* s = ef[i].res.str[k];
                    if (s == nullptr)
                        fail(err_prefix() + "extract_fields returned a NULL string for " + where + " (value #" +
                             std::to_string(k) + ")");
                    vals.emplace_back(std::string(s));
                    break;
                }
                case FieldType::Uint64:
                case FieldType::Reltime:
                case FieldType::Abstime:
                    vals.emplace_back(ef[i].res.u64[k]);
                    break;
                case FieldType::Bool:
                    vals.emplace_back(ef[i].res.boolean[k] != 0);
                    break;
                case FieldType::Ipaddr:
                case FieldType::Ipnet: {
                    const ss_plugin_byte_buffer& b = ef[i].res.buf[k];
                    if (f.type == FieldType::Ipaddr && b.len != 4 && b.len != 16) {
                        fail(err_prefix() + "extract_fields returned an ipaddr of " + std::to_string(b.len) +
                             " bytes for " + where + " (expected 4 or 16)");
                    }
                    if (b.len == 0 || b.ptr == nullptr) {
                        fail(err_prefix() + "extract_fields returned an empty or NULL buffer for " + where);
                    }
                    const auto* p = static_cast<const uint8_t*>(b.ptr);
                    vals.emplace_back(Bytes(p, p + b.len));
                    break;
                }
            }
        }
        if (vo.start != nullptr && vo.length != nullptr) {
            results[i].offset_start = vo.start[i];
            results[i].offset_length = vo.length[i];
        }
    }
    return results;
}

}  // namespace falcogen::host
