// See cli_plugins.hpp.
#include "cli_plugins.hpp"

#include "cli_async.hpp"

#include <falcogen/host/tables.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "platform/platform.hpp"

namespace falcogen::host::cli {

Plugins::Plugins(const std::vector<std::pair<std::string, std::string>>& plugins, const HostOptions& options,
                 std::shared_ptr<TableRegistry> registry)
    : registry_(std::move(registry)) {
    HostOptions o = options;
    o.tables = registry_;
    for (const auto& [path, config] : plugins) {
        hosts_.push_back(std::make_unique<Host>(path, o));
        configs_.push_back(config);
    }
}

void Plugins::init_all() {
    for (size_t i = 0; i < hosts_.size(); ++i) hosts_[i]->init(configs_[i]);
}

Host& Plugins::source() {
    for (auto& h : hosts_) {
        if (h->has(CAP_SOURCING)) return *h;
    }
    throw HostError("plugin " + main().name() + " has no event sourcing capability: nothing to open (use --check)");
}

Host* Plugins::field_owner(const std::string& spec) const {
    const std::string name = spec.substr(0, spec.find('['));
    for (const auto& h : hosts_) {
        if (h->has(CAP_EXTRACTION) && h->find_field(name) != nullptr) return h.get();
    }
    return nullptr;
}

void Plugins::parse(const HostEvent& evt) {
    for (auto& h : hosts_) {
        if (h->parse_applies(evt)) h->parse_event(evt);
    }
}

std::vector<ExtractResult> Plugins::extract(const HostEvent& evt, const std::vector<std::string>& specs) {
    std::vector<Host*> owners;
    for (const auto& s : specs) owners.push_back(field_owner(s));
    if (std::all_of(owners.begin(), owners.end(), [&](Host* h) { return h == owners.front(); })) {
        return owners.front()->extract_many(evt, specs);
    }
    std::vector<ExtractResult> out;
    for (size_t i = 0; i < specs.size(); ++i) out.push_back(owners[i]->extract(evt, specs[i]));
    return out;
}

void Plugins::dump_tables(const std::vector<std::string>& names) {
    for (const auto& name : names) {
        const std::string line =
            registry_->table(name).to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::fputs(line.c_str(), stdout);
        std::fputc('\n', stdout);
    }
}

std::shared_ptr<TableRegistry> make_registry(const std::string& threads_file) {
    auto registry = std::make_shared<TableRegistry>();
    if (threads_file.empty()) return registry;
    std::ifstream in;
    platform::open_binary(in, threads_file);
    if (!in) throw HostError("--threads " + threads_file + ": cannot read the file");
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw HostError("--threads " + threads_file + ": not valid JSON: " + e.what());
    }
    registry->threads().load_json(doc);
    return registry;
}

CaptureListeners::CaptureListeners(Plugins& plugins, AsyncFeed* feed) : plugins_(plugins), feed_(feed) {
    for (const auto& h : plugins_.hosts()) {
        if (h->has(CAP_CAPTURE_LISTENING)) h->capture_open();
    }
}

CaptureListeners::~CaptureListeners() {
    try {
        close();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "falcogen run: error: %s\n", e.what());
    }
}

void CaptureListeners::close() {
    if (closed_) return;
    closed_ = true;
    if (feed_ != nullptr) feed_->stop();
    std::string errors;  // every plugin hears of the close, even after one failed
    for (const auto& h : plugins_.hosts()) {
        if (!h->capture_is_open()) continue;
        try {
            h->capture_close();
        } catch (const HostError& e) {
            errors += (errors.empty() ? "" : "; ") + std::string(e.what());
        }
    }
    if (!errors.empty()) throw HostError(errors);
}

std::string Plugins::summary() const {
    if (hosts_.size() == 1) return hosts_.front()->summary().str();
    std::string s;
    for (const auto& h : hosts_) s += (s.empty() ? "" : "\n") + h->name() + ": " + h->summary().str();
    return s;
}

std::vector<std::string> split_outside_brackets(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    int depth = 0;
    for (char c : s) {
        if (c == '[') ++depth;
        if (c == ']' && depth > 0) --depth;
        if (c == sep && depth == 0) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

size_t find_outside_brackets(const std::string& s, char c) {
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '[') ++depth;
        if (s[i] == ']' && depth > 0) --depth;
        if (s[i] == c && depth == 0) return i;
    }
    return std::string::npos;
}

std::string metric_text(const Metric& m) {
    switch (m.value_type) {
        case SS_PLUGIN_METRIC_VALUE_TYPE_U32: return std::to_string(m.value.u32);
        case SS_PLUGIN_METRIC_VALUE_TYPE_S32: return std::to_string(m.value.s32);
        case SS_PLUGIN_METRIC_VALUE_TYPE_U64: return std::to_string(m.value.u64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_S64: return std::to_string(m.value.s64);
        case SS_PLUGIN_METRIC_VALUE_TYPE_I: return std::to_string(m.value.i);
        default: break;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", m.as_double());
    return buf;
}

void Plugins::set_config(const std::string& config) {
    bool exported = false;
    try {
        exported = main().set_config(config);
    } catch (const HostError& e) {
        std::fprintf(stderr, "falcogen run: set_config refused, the old config stays: %s\n", e.what());
        return;
    }
    if (!exported) throw HostError("--set-config: " + main().name() + " does not export plugin_set_config");
}

void Plugins::print_metrics() {
    for (const auto& h : hosts_) {
        for (const Metric& m : h->metrics()) std::fprintf(stderr, "%s %s\n", m.name.c_str(), metric_text(m).c_str());
    }
}

}  // namespace falcogen::host::cli
