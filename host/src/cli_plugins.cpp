// See cli_plugins.hpp.
#include "cli_plugins.hpp"

#include <falcogen/host/tables.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace falcogen::host::cli {

namespace {

// libsinsp's default event set: every type when the sources include "syscall"
// (no list: every source), else only plugin events; an explicit list decides.
bool parses(const Host& h, const HostEvent& evt) {
    if (!h.has(CAP_PARSING)) return false;
    const auto& types = h.parse_event_types();
    const auto& sources = h.parse_event_sources();
    if (!types.empty()) {
        if (std::find(types.begin(), types.end(), evt.type()) == types.end()) return false;
    } else if (!sources.empty() && sources.count("syscall") == 0 && evt.type() != kPluginEventType) {
        return false;
    }
    return sources.empty() || evt.source().empty() || sources.count(evt.source()) != 0;
}

}  // namespace

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
        if (parses(*h, evt)) h->parse_event(evt);
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
    std::ifstream in(threads_file, std::ios::binary);
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

std::string Plugins::summary() const {
    if (hosts_.size() == 1) return hosts_.front()->summary().str();
    std::string s;
    for (const auto& h : hosts_) s += (s.empty() ? "" : "\n") + h->name() + ": " + h->summary().str();
    return s;
}

}  // namespace falcogen::host::cli
