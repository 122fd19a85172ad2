// falcogen-host with several plugins (the positional one and each --plugin):
// one TableRegistry shared by all, as the plugins of one libsinsp inspector
// share its tables. Part of the program, not of the library.
#pragma once

#include <falcogen/host/host.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace falcogen::host::cli {

extern const char* const kUsage;  // --help (cli_usage.cpp)

class Plugins {
public:
    // Loads every (path, config) in order, sharing `registry`.
    Plugins(const std::vector<std::pair<std::string, std::string>>& plugins, const HostOptions& options,
            std::shared_ptr<TableRegistry> registry);
    Host& main() { return *hosts_.front(); }
    const std::vector<std::unique_ptr<Host>>& hosts() const { return hosts_; }
    TableRegistry& tables() { return *registry_; }

    // plugin_init of each plugin, in command-line order (a table must be added
    // before a later plugin can get it).
    void init_all();
    // The first plugin that can open a capture.
    Host& source();
    // The plugin whose fields include `spec` ("name" or "name[arg]"), or nullptr.
    Host* field_owner(const std::string& spec) const;
    // Every plugin that parses events of this type and source parses it, in
    // order, before any extraction (libsinsp's order).
    void parse(const HostEvent& evt);
    // The fields' values; one extract_fields call when one plugin owns them all.
    std::vector<ExtractResult> extract(const HostEvent& evt, const std::vector<std::string>& specs);
    // Prints each table as one JSON line (--dump-table), while every plugin
    // (and so every plugin's table) is still loaded.
    void dump_tables(const std::vector<std::string>& names);
    // plugin_set_config of the main plugin (--set-config): a refused config
    // is reported on stderr and the old one stays; a plugin without the
    // export is an error.
    void set_config(const std::string& config);
    // "<plugin>.<metric> <value>" lines on stderr for every plugin (--metrics).
    void print_metrics();
    // Summaries of all plugins, one line each after the first.
    std::string summary() const;

private:
    std::shared_ptr<TableRegistry> registry_;
    std::vector<std::string> configs_;
    std::vector<std::unique_ptr<Host>> hosts_;
};

class AsyncFeed;

// libsinsp's capture notifications to the plugins that listen (API 3.7):
// capture_open of each, in order, when made; at close() (or destruction) the
// async handlers are reset first (`feed`), then capture_close of each, which
// purges its routines, as sinsp::close does.
class CaptureListeners {
public:
    explicit CaptureListeners(Plugins& plugins, AsyncFeed* feed = nullptr);
    CaptureListeners(Plugins& plugins, AsyncFeed& feed) : CaptureListeners(plugins, &feed) {}
    ~CaptureListeners();  // close(); an error is reported on stderr
    CaptureListeners(const CaptureListeners&) = delete;
    CaptureListeners& operator=(const CaptureListeners&) = delete;
    void close();  // throws HostError with libsinsp's message

private:
    Plugins& plugins_;
    AsyncFeed* feed_;
    bool closed_ = false;
};

// Splits on `sep` outside [...] (field arguments may contain the separator).
std::vector<std::string> split_outside_brackets(const std::string& s, char sep);
size_t find_outside_brackets(const std::string& s, char c);

// --check: prints the plugin's identity (JSON with `as_json`), after judging
// its init schema and validating `config` (or {}) against it, without init.
void print_check(const Host& h, const std::string& config, bool as_json);

// A metric's value as text: integers exactly, floating point with %g.
std::string metric_text(const Metric& m);

// A registry whose threads table is filled from a TableRef::to_json document
// (--threads FILE.json), or empty without a file.
std::shared_ptr<TableRegistry> make_registry(const std::string& threads_file);

}  // namespace falcogen::host::cli
