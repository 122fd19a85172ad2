// Loading a plugin: its library (dlopen or LoadLibraryW: platform/), the plugin_* symbols, the API
// version, the required symbols, identity strings and capabilities, each judged by libsinsp's rules.
#include <falcogen/host/host.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "internal.hpp"
#include "platform/platform.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

using nlohmann::json;

namespace {

const char* const kNameRule = "^[a-z]+[a-z0-9-_]*$";
const char* const kSourceRule = "^[a-z]+[a-z0-9_]*$";
const char* const kBrokenCapabilities = "broken plugin capabilities: ";

// "'plugin_open', 'plugin_next_batch'": the sourcing symbols that are absent.
std::string missing_sourcing_symbols(bool open, bool close, bool next_batch) {
    std::string missing;
    if (!open) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_open'";
    if (!close) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_close'";
    if (!next_batch) missing += std::string(missing.empty() ? "" : ", ") + "'plugin_next_batch'";
    return missing;
}

// The rules on the id and event source of a sourcing plugin.
void check_id_and_source(uint32_t id, const std::string& src) {
    const std::string pre = kBrokenCapabilities;
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

}  // namespace

// ---- versions and capabilities ------------------------------------------------------------------

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

// ---- loading ------------------------------------------------------------------------------------

Host::Host(const std::string& path, HostOptions options) : path_(path), options_(options) {
    try {
        load();
        setup_tables();
    } catch (...) {
        if (dl_ != nullptr) platform::close_library(dl_);
        dl_ = nullptr;
        throw;
    }
}

Host::Host(const plugin_api* table, HostOptions options) : path_("<plugin_api table>"), options_(options) {
    load_api(table);
    setup_tables();
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
    table_owner_.reset();
    if (dl_ != nullptr) platform::close_library(dl_);
}

void Host::load() {
    std::string error;
    dl_ = platform::open_library(path_, error);
    if (dl_ == nullptr) throw HostError("can't load plugin dynamic library: " + error);
    resolve_symbols();
    judge_symbols();
}

void Host::judge_symbols() {
    check_api_version();
    check_required_symbols();
    load_static_info();
    detect_capabilities();
    load_capability_info();
}

void Host::load_capability_info() {
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

void* Host::symbol(const char* name) const {
    return dl_ ? platform::library_symbol(dl_, name) : nullptr;
}

void Host::resolve_symbols() {
#define FALCOGEN_RESOLVE(s) *reinterpret_cast<void**>(&api_.s) = platform::library_symbol(dl_, "plugin_" #s)
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

bool Host::detect_sourcing() {
    const bool o = api_.open != nullptr, c = api_.close != nullptr, n = api_.next_batch != nullptr;
    if (!(o || c || n)) return false;
    if (!(o && c && n)) {
        throw HostError(std::string(kBrokenCapabilities) +
                        "plugin_open, plugin_close and plugin_next_batch must be implemented together (missing: " +
                        missing_sourcing_symbols(o, c, n) + ")");
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
    check_id_and_source(id, src);
    id_ = id;
    event_source_ = src;
    return true;
}

void Host::detect_capabilities() {
    const std::string pre = kBrokenCapabilities;
    uint32_t caps = detect_sourcing() ? CAP_SOURCING : CAP_NONE;

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

}  // namespace falcogen::host
