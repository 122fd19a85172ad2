// falcogen-host: load a Falco plugin with libsinsp's rules, init it, open it,
// print its events and extracted fields. `falcogen run` execs this program
// with the same arguments.
#include <falcogen/host/capture.hpp>
#include <falcogen/host/host.hpp>
#include <falcogen/host/tables.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_async.hpp"
#include "cli_plugins.hpp"
#include "cli_progress.hpp"
#include "platform/platform.hpp"

using namespace falcogen::host;
using falcogen::host::cli::find_outside_brackets;
using falcogen::host::cli::kUsage;
using falcogen::host::cli::Plugins;
using falcogen::host::cli::split_outside_brackets;
using nlohmann::json;

namespace {

volatile std::sig_atomic_t stop_requested = 0;  // set by SIGINT/SIGTERM (program-level, not library state)

void on_signal(int) {
    stop_requested = 1;
}

struct Args {
    std::string plugin;
    std::string config;
    std::string open_params;
    std::string capture;
    std::string schema_version;  // --schema-version: the driver's, checked as libsinsp does
    std::vector<std::string> fields;
    bool all_fields = false;
    std::vector<std::pair<std::string, std::string>> filters;
    uint64_t max_events = UINT64_MAX;
    bool json = false;
    bool check = false;
    bool verbose = false;
    std::vector<std::pair<std::string, std::string>> more_plugins;  // --plugin (path, config)
    std::string threads_file;
    std::vector<std::string> dump_tables;
    bool metrics = false;  // --metrics
    std::optional<std::string> set_config;  // --set-config
    bool dump_state = false;
    std::optional<bool> progress;  // --progress, --no-progress; else whether stderr is a terminal
    unsigned thread_pool = 0;  // --thread-pool N: workers for routines (0: none, as in Falco)
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string read_file(const std::string& path) {
    std::ifstream f;
    platform::open_binary(f, path);
    if (!f) throw HostError("cannot read config file '" + path + "'");
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// --filter's FIELD=VALUE.
void add_filter(Args& a, const std::string& f) {
    size_t eq = find_outside_brackets(f, '=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--filter expects FIELD=VALUE, got '" + f + "'");
    a.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
}

// `--filter a=1 b=2`: the FIELD=VALUE words after --filter's value (once the
// plugin path is known); moves i past them.
void add_more_filters(Args& a, const std::vector<std::string>& v, size_t& i) {
    while (!a.plugin.empty() && i + 1 < v.size() && !v[i + 1].empty() && v[i + 1][0] != '-' &&
           find_outside_brackets(v[i + 1], '=') != std::string::npos && find_outside_brackets(v[i + 1], '=') != 0) {
        add_filter(a, v[++i]);
    }
}

void set_max_events(Args& a, const std::string& n) {
    if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("-n expects a non-negative integer, got '" + n + "'");
    a.max_events = std::stoull(n);
}

void set_thread_pool(Args& a, const std::string& n) {
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError("--thread-pool expects a number of threads (0-999), got '" + n + "'");
    a.thread_pool = unsigned(std::stoul(n));
}

// Parses the argument v[i] (an option, with its value, or the plugin path);
// moves i past what it consumed.
void parse_arg(const std::vector<std::string>& v, size_t& i, Args& a, bool& help) {
    std::string opt = v[i];
    std::string val;
    bool has_inline = false;
    if (opt.rfind("--", 0) == 0) {
        size_t eq = opt.find('=');
        if (eq != std::string::npos) {
            val = opt.substr(eq + 1);
            opt = opt.substr(0, eq);
            has_inline = true;
        }
    }
    auto value = [&]() -> std::string {
        if (has_inline) return val;
        if (i + 1 >= v.size()) throw UsageError("option " + opt + " requires a value");
        return v[++i];
    };
    if (opt == "-h" || opt == "--help") {
        help = true;
    } else if (opt == "--config") {
        std::string c = value();
        a.config = (!c.empty() && c[0] == '@') ? read_file(c.substr(1)) : c;
    } else if (opt == "--open") {
        a.open_params = value();
    } else if (opt == "--capture") {
        a.capture = value();
    } else if (opt == "--schema-version") {
        a.schema_version = value();
    } else if (opt == "--fields") {
        for (auto& f : split_outside_brackets(value(), ',')) {
            if (!f.empty()) a.fields.push_back(f);
        }
    } else if (opt == "--all-fields") {
        a.all_fields = true;
    } else if (opt == "--filter") {
        add_filter(a, value());
        if (!has_inline) add_more_filters(a, v, i);
    } else if (opt == "-n" || opt == "--max-events") {
        set_max_events(a, value());
    } else if (opt == "--json") {
        a.json = true;
    } else if (opt == "--check") {
        a.check = true;
    } else if (opt == "-v" || opt == "--verbose") {
        a.verbose = true;
    } else if (opt == "--plugin") {
        a.more_plugins.emplace_back(value(), "");
    } else if (opt == "--plugin-config") {
        if (a.more_plugins.empty()) throw UsageError("--plugin-config must follow a --plugin");
        std::string c = value();
        a.more_plugins.back().second = (!c.empty() && c[0] == '@') ? read_file(c.substr(1)) : c;
    } else if (opt == "--threads") {
        a.threads_file = value();
    } else if (opt == "--dump-table") {
        a.dump_tables.push_back(value());
    } else if (opt == "--metrics") {
        a.metrics = true;
    } else if (opt == "--set-config") {
        a.set_config = value();
    } else if (opt == "--dump-state") {
        a.dump_state = true;
    } else if (opt == "--progress" || opt == "--no-progress") {
        a.progress = opt == "--progress";
    } else if (opt == "--thread-pool") {
        set_thread_pool(a, value());
    } else if (!opt.empty() && opt[0] == '-' && opt != "-") {
        throw UsageError("unknown option '" + opt + "' (see --help)");
    } else if (a.plugin.empty()) {
        a.plugin = opt;
    } else {
        throw UsageError("unexpected argument '" + opt + "' (only one plugin path is accepted)");
    }
}

Args parse_args(int argc, char** argv, bool& help) {
    Args a;
    const std::vector<std::string> v = platform::arguments(argc, argv);
    for (size_t i = 0; i < v.size(); ++i) parse_arg(v, i, a, help);
    if (a.plugin.empty() && !a.more_plugins.empty()) {
        if (!a.more_plugins.front().second.empty()) {
            throw UsageError("--plugin-config of the first plugin: use --config when PLUGIN.so is omitted");
        }
        a.plugin = a.more_plugins.front().first;
        a.more_plugins.erase(a.more_plugins.begin());
    }
    if (!help && a.plugin.empty()) throw UsageError("missing plugin path (see --help)");
    if (a.all_fields && !a.fields.empty()) throw UsageError("--fields and --all-fields are mutually exclusive");
    return a;
}

json value_json(const ExtractResult& r) {
    if (!r.has_value()) return nullptr;
    auto one = [&](const ExtractValue& v) -> json {
        if (const auto* s = std::get_if<std::string>(&v)) return *s;
        if (const auto* u = std::get_if<uint64_t>(&v)) return *u;
        if (const auto* b = std::get_if<bool>(&v)) return *b;
        return format_ip(std::get<Bytes>(v), r.type);
    };
    if (!r.is_list) return one(r.values.front());
    json a = json::array();
    for (const auto& v : r.values) a.push_back(one(v));
    return a;
}

bool filter_matches(const ExtractResult& r, const std::string& want) {
    if (!r.has_value()) return false;
    if (r.to_string() == want) return true;
    if (r.is_list) {
        for (const auto& s : r.value_strings()) {
            if (s == want) return true;
        }
    }
    return false;
}

// --fields, or every field that does not require an argument (--all-fields).
std::vector<std::string> requested_fields(const Plugins& p, const Args& a) {
    std::vector<std::string> fields = a.fields;
    if (!a.all_fields) return fields;
    for (const auto& h : p.hosts()) {
        for (const auto& f : h->fields()) {
            if (!f.arg_required) fields.push_back(f.name);
        }
    }
    return fields;
}

// Judges the requested names (fields and filters) before running anything.
void check_field_names(Plugins& p, const std::vector<std::string>& fields, const Args& a) {
    const Host& h = p.main();
    auto check_name = [&](const std::string& spec) {
        if (p.field_owner(spec) != nullptr) return;
        if (p.hosts().size() > 1) throw HostError("no plugin has a field '" + spec.substr(0, spec.find('[')) + "'");
        if (!h.has(CAP_EXTRACTION)) {
            throw HostError("plugin " + h.name() + " has no field extraction capability (requested field '" + spec +
                            "')");
        }
        std::string name = spec.substr(0, spec.find('['));
        if (h.find_field(name) == nullptr) throw HostError("plugin " + h.name() + " has no field '" + name + "'");
    };
    for (const auto& f : fields) check_name(f);
    for (const auto& f : a.filters) check_name(f.first);
}

// Whether `evt` passes every --filter (`filter_fields` are their field names).
bool passes_filters(Plugins& p, const HostEvent& evt, const std::vector<std::string>& filter_fields, const Args& a) {
    if (filter_fields.empty()) return true;
    auto fr = p.extract(evt, filter_fields);
    bool keep = true;
    for (size_t i = 0; i < fr.size() && keep; ++i) keep = filter_matches(fr[i], a.filters[i].second);
    return keep;
}

// The output line of one event: text, or JSON with --json (captures add the
// event's type and thread, which their INFO names too).
std::string output_line(const HostEvent& evt, const std::string& info, const std::vector<ExtractResult>& values,
                        bool with_fields, bool as_json, bool capture) {
    if (!as_json) {
        std::string line =
            std::to_string(evt.evtnum()) + " " + format_iso8601_ns(evt.ts()) + " " + evt.source() + " " + info;
        for (const auto& r : values) line += " " + r.field + "=" + (r.has_value() ? r.to_string() : "<NA>");
        return line;
    }
    json j{{"evtnum", evt.evtnum()}, {"ts", evt.ts()}, {"time", format_iso8601_ns(evt.ts())}, {"source", evt.source()}};
    if (capture) {
        j["type"] = evt.type();
        j["tid"] = static_cast<int64_t>(evt.tid());
    }
    j["info"] = info;
    if (with_fields) {
        json fj = json::object();
        for (const auto& r : values) fj[r.field] = value_json(r);
        j["fields"] = fj;
    }
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string event_line(Plugins& p, Host& source, const HostEvent& evt, const std::vector<std::string>& fields,
                       bool as_json) {
    std::vector<ExtractResult> values;
    if (!fields.empty()) values = p.extract(evt, fields);
    return output_line(evt, source.event_to_string(evt), values, !fields.empty(), as_json, false);
}

// How the async events of the run reach the plugins, as libsinsp delivers
// them: parsed, filtered and extracted like the other events of their source.
// The plugins see each under a number of the source's event sequence (when
// the run has a source), so that no two events they see share a number.
struct AsyncDelivery {
    Plugins& p;
    const std::vector<std::string>& fields;
    Host* source;  // nullptr: no source, the async number is the event number
};

// Async events (kind "async") and dump_state's (kind "state"), numbered by
// `number` with the kind's initial in front ("a3 ...") in text output; with
// `to`, delivered to the plugins first (dump_state's never are: libsinsp
// writes them to a capture file).
void print_async(const std::vector<AsyncEvent>& events, const char* kind, uint64_t& number, const Args& a,
                 const AsyncDelivery* to = nullptr) {
    std::vector<std::string> filter_fields;
    for (const auto& f : a.filters) filter_fields.push_back(f.first);
    for (const auto& ae : events) {
        const HostEvent evt(ae.event.bytes(), ++number, ae.event.source());
        std::vector<ExtractResult> values;
        if (to != nullptr) {
            const uint64_t seen_as = to->source != nullptr ? to->source->take_event_number() : number;
            const HostEvent seen(ae.event.bytes(), seen_as, ae.event.source());
            to->p.parse(seen);
            if (!passes_filters(to->p, seen, filter_fields, a)) continue;
            if (!to->fields.empty()) values = to->p.extract(seen, to->fields);
        }
        const bool with_fields = to != nullptr && !to->fields.empty();
        std::string line = output_line(evt, cli::async_info(kind, ae), values, with_fields, a.json, false);
        if (!a.json) line = kind[0] + line;
        std::fputs(line.c_str(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
}

// A run of plugins without a source: their async events until -n events or a signal.
void print_async_only(Plugins& p, const std::vector<std::string>& fields, cli::AsyncFeed& feed, uint64_t& number,
                      const Args& a) {
    const AsyncDelivery to{p, fields, nullptr};
    while (number < a.max_events && !stop_requested) {
        feed.wait(std::chrono::milliseconds(100));
        auto events = feed.take();
        if (events.size() > a.max_events - number) events.resize(static_cast<size_t>(a.max_events - number));
        print_async(events, "async", number, a, &to);
    }
}

// Reads events until EOF, -n events or a signal, and prints those that pass
// the filters, and the async events queued meanwhile after each batch (and
// the progress line, on a terminal).
void print_events(Plugins& p, Host& source, Instance& inst, const std::vector<std::string>& fields, const Args& a,
                  cli::AsyncFeed& feed, uint64_t& async_number) {
    std::vector<std::string> filter_fields;
    for (const auto& f : a.filters) filter_fields.push_back(f.first);
    cli::ProgressLine progress(inst, cli::progress_wanted(a.progress));
    progress.update();
    const AsyncDelivery to{p, fields, &source};
    uint64_t read = 0;
    while (read < a.max_events && !stop_requested) {
        auto batch = inst.next(static_cast<size_t>(std::min<uint64_t>(a.max_events - read, 1024)));
        if (batch.empty()) break;
        progress.make_room();
        for (const auto& evt : batch) {
            ++read;
            p.parse(evt);
            if (!passes_filters(p, evt, filter_fields, a)) continue;
            const std::string line = event_line(p, source, evt, fields, a.json);
            std::fputs(line.c_str(), stdout);
            std::fputc('\n', stdout);
        }
        std::fflush(stdout);
        print_async(feed.take(), "async", async_number, a, &to);
        progress.update();
    }
    progress.finish();
}

// The INFO of a capture event: the plugin's text for its own plugin events,
// else the direction and name of the event type ("> open", "< open").
std::string capture_info(Plugins& p, const CaptureEvent& ce) {
    const HostEvent& evt = ce.event;
    if (evt.is_plugin_event()) return p.source().event_to_string(evt);
    const char* name = event_type_name(evt.type());
    return std::string(event_is_enter(evt.type()) ? "> " : "< ") + (*name != '\0' ? name : "unknown") +
           " tid=" + std::to_string(static_cast<int64_t>(evt.tid()));
}

// One capture event: applied to the threads table as libsinsp's parser
// applies it, parsed when the plugin parses it, printed (with its fields)
// unless libsinsp hides it. Plugin events of plugins other than the loaded
// one go to no plugin: libsinsp would not pass them to this one.
void replay_event(Plugins& p, StateTracker& tracker, const CaptureEvent& ce, const std::vector<std::string>& fields,
                  const std::vector<std::string>& filter_fields, const Args& a) {
    const HostEvent& evt = ce.event;
    tracker.apply(evt);  // libsinsp's parser sees every event (and runs the removals the last one scheduled)
    if (!ce.known_source) return;
    p.parse(evt);
    if (ce.hidden || !passes_filters(p, evt, filter_fields, a)) return;
    std::vector<ExtractResult> values;
    if (!fields.empty()) values = p.extract(evt, fields);
    const std::string line = output_line(evt, capture_info(p, ce), values, !fields.empty(), a.json, true);
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
}

// --capture: the capture's events instead of the plugin's own.
int replay_capture(Plugins& p, const std::vector<std::string>& fields, const Args& a) {
    const auto& hosts = p.hosts();
    if (std::none_of(hosts.begin(), hosts.end(),
                     [](const auto& h) { return h->has(CAP_EXTRACTION) || h->has(CAP_PARSING); })) {
        throw HostError("plugin " + p.main().name() +
                        " can neither extract fields nor parse events: nothing to do with a capture");
    }
    CaptureOptions opts;
    for (const auto& h : hosts) {
        if (h->has(CAP_SOURCING) && h->id() != 0) opts.plugin_sources[h->id()] = h->events_source_name();
    }
    CaptureReader reader(a.capture, opts);
    load_capture_threads(p.tables().threads(), reader.threads());
    const auto& machine = reader.machine_info();
    StateTracker tracker(p.tables().threads(), machine ? machine->boot_ts_epoch : 0);
    cli::CaptureListeners listening(p);  // capture_open now (the threads are loaded), capture_close at the end
    std::vector<std::string> filter_fields;
    for (const auto& f : a.filters) filter_fields.push_back(f.first);
    uint64_t read = 0;
    while (read < a.max_events && !stop_requested) {
        auto ce = reader.next();
        if (!ce) break;
        ++read;
        replay_event(p, tracker, *ce, fields, filter_fields, a);
    }
    std::fflush(stdout);
    const CaptureStats& s = reader.stats();
    std::fprintf(stderr, "%llu events read from the capture (%llu blocks, %llu events dropped as libscap drops them)\n",
                 static_cast<unsigned long long>(read), static_cast<unsigned long long>(s.blocks),
                 static_cast<unsigned long long>(s.dropped + s.conversion_errors + s.unknown_types));
    for (const auto& w : s.warnings) std::fprintf(stderr, "falcogen run: warning: %s\n", w.c_str());
    return 0;
}

// --dump-state: each plugin's plugin_dump_state, as libsinsp calls it when it opens a capture file.
void dump_states(Plugins& p, const Args& a) {
    uint64_t number = 0;
    for (const auto& h : p.hosts()) {
        if (!h->has_dump_state()) continue;
        auto events = h->dump_state();
        for (auto& ae : events) ae.event.set_source(cli::async_source(*h));
        print_async(events, "state", number, a);
    }
}

int run(const Args& a) {
    HostOptions opts;
    opts.verbose = a.verbose;
    opts.max_consecutive_timeouts = 0;  // live sources may time out for as long as they like
    opts.timeout_backoff = std::chrono::microseconds(1000);
    opts.interrupted = [] { return stop_requested != 0; };
    if (a.thread_pool > 0) opts.thread_pool = std::make_shared<RoutinePool>(a.thread_pool);
    std::vector<std::pair<std::string, std::string>> paths{{a.plugin, a.config}};
    paths.insert(paths.end(), a.more_plugins.begin(), a.more_plugins.end());
    Plugins p(paths, opts, cli::make_registry(a.threads_file));
    if (a.check) {
        cli::print_check(p.main(), a.config, a.json);
        return 0;
    }
    const std::vector<std::string> fields = requested_fields(p, a);
    check_field_names(p, fields, a);

    p.init_all();
    if (!a.schema_version.empty()) {
        for (const auto& h : p.hosts()) h->check_event_schema_version(a.schema_version);
    }
    if (a.set_config) p.set_config(*a.set_config);
    if (!a.capture.empty()) {
        replay_capture(p, fields, a);
        p.dump_tables(a.dump_tables);
        if (a.metrics) p.print_metrics();
        return 0;
    }
    cli::AsyncFeed feed(p.hosts());
    uint64_t async_number = 0;
    const bool sourced =
        std::any_of(p.hosts().begin(), p.hosts().end(), [](const auto& h) { return h->has(CAP_SOURCING); });
    if (sourced || !feed.active()) {
        Host& source = p.source();
        auto inst = source.open(a.open_params);
        cli::CaptureListeners listening(p, feed);
        print_events(p, source, *inst, fields, a, feed, async_number);
        listening.close();
        inst->close();
    } else {
        cli::CaptureListeners listening(p, feed);
        print_async_only(p, fields, feed, async_number, a);
    }
    feed.stop();
    if (sourced) {
        const AsyncDelivery to{p, fields, &p.source()};
        print_async(feed.take(), "async", async_number, a, &to);
    }
    if (a.dump_state) dump_states(p, a);
    p.dump_tables(a.dump_tables);
    std::fflush(stdout);
    if (a.metrics) p.print_metrics();
    std::fprintf(stderr, "%s\n", p.summary().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bool help = false;
    Args args;
    try {
        args = parse_args(argc, argv, help);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "falcogen run: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "falcogen run: error: %s\n", e.what());
        return 1;
    }
    if (help) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    try {
        return run(args);
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "falcogen run: error: %s\n", e.what());
        return 1;
    }
}
