// falcogen's plugin host: loads a Falco plugin (API 3.x) and judges it by the
// rules libsinsp/libscap apply, plus a few stricter ones. No global state:
// every Host owns its dlopen handle, plugin state, logs and counters.
//
// This header includes the others: loading.hpp (versions, capabilities, the
// plugin_* symbol table), fields.hpp (fields, open params, extracted values),
// event.hpp (HostEvent) and error.hpp (HostError).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <falcogen/abi/plugin_api.h>
#include <falcogen/host/error.hpp>
#include <falcogen/host/event.hpp>
#include <falcogen/host/fields.hpp>
#include <falcogen/host/loading.hpp>
#include <falcogen/host/tables.hpp>
#include <falcogen/host/thread_pool.hpp>

namespace falcogen::host {

// ---- logs, counters, options --------------------------------------------------------------------

struct LogMessage {
    std::string component;  // the plugin's name when the plugin passed NULL
    std::string message;
    ss_plugin_log_severity severity = SS_PLUGIN_LOG_SEV_INFO;
};

const char* severity_name(ss_plugin_log_severity s);

struct Summary {
    uint64_t events = 0;  // events handed out by Instance::next (checked and copied)
    uint64_t batches = 0;  // next_batch calls that returned at least one event
    uint64_t calls = 0;  // next_batch calls, including TIMEOUT and EOF
    uint64_t timeouts = 0;
    uint64_t errors = 0;  // HostErrors raised after init (open/next/extract/...)
    double elapsed_s = 0;  // since open() (or since init() when never opened)
    double events_per_second() const { return elapsed_s > 0 ? double(events) / elapsed_s : 0.0; }
    // "N events, X events/s, B batches, E errors"
    std::string str() const;
};

struct HostOptions {
    bool verbose = false;  // print plugin log messages on stderr
    // next(): consecutive TIMEOUTs tolerated while no event has been collected
    // (0 = unbounded), and the pause between two retries.
    uint32_t max_consecutive_timeouts = 10000;
    std::chrono::microseconds timeout_backoff{1000};
    // Provide an ss_plugin_extract_value_offsets to extract_fields (API 3.11).
    bool request_value_offsets = true;
    // Polled between TIMEOUT retries: when it returns true, next() returns
    // what it has (possibly nothing, without EOF). Used by the CLI for SIGINT.
    std::function<bool()> interrupted;
    // The state tables the plugin shares with the other Hosts given the same
    // registry (the plugins of one inspector). nullptr: a registry of its own.
    std::shared_ptr<TableRegistry> tables;
    // The thread pool capture listening's routines run on, shared by the
    // plugins of one inspector. nullptr: none, as in libsinsp built without
    // ENABLE_THREAD_POOL (Falco's build): subscribe returns NULL.
    std::shared_ptr<RoutinePool> thread_pool;
};

// An async event (PPME_ASYNCEVENT_E = 402) accepted from the plugin's handler.
struct AsyncEvent {
    std::string name;  // one of get_async_events()
    HostEvent event;  // host-owned copy; plugin_id set by the host, ts -1 -> now
    ByteSpan data() const;  // the data parameter
};

struct Progress {
    bool supported = false;  // plugin_get_progress is implemented
    uint32_t pct = 0;  // 0..10000 (0.00%..100.00%)
    std::string text;  // the plugin's string, or "" (then use pct)
};

struct Metric {
    std::string name;  // "<plugin_name>.<metric>"
    ss_plugin_metric_type type = SS_PLUGIN_METRIC_TYPE_MONOTONIC;
    ss_plugin_metric_value_type value_type = SS_PLUGIN_METRIC_VALUE_TYPE_U64;
    ss_plugin_metric_value value{};
    double as_double() const;
};

class Host;

// An open capture (ss_instance_t*), created by Host::open().
class Instance {
public:
    ~Instance();  // closes if still open
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    // Returns up to `max_events` events (at least 1 unless EOF was reached),
    // calling plugin_next_batch as many times as needed. Events of a batch that
    // exceed max_events are kept for the next call. On TIMEOUT: returns what
    // was collected, or retries (bounded by HostOptions) if nothing was. An
    // empty vector means end of capture (EOF), or that HostOptions::interrupted
    // fired (then eof() is false).
    std::vector<HostEvent> next(size_t max_events = 1);
    // One event, or std::nullopt at EOF.
    std::optional<HostEvent> next_event();
    // Reads until EOF (or `limit` events).
    std::vector<HostEvent> read_all(size_t limit = SIZE_MAX);

    bool eof() const { return eof_ && pending_.empty(); }
    bool is_open() const { return open_; }
    Progress progress();
    void close();

    ss_instance_t* raw() const { return handle_; }

private:
    friend class Host;
    Instance(Host& host, ss_instance_t* handle) : host_(&host), handle_(handle) {}
    // One plugin_next_batch call: its events are checked, copied and queued.
    void pull_batch(bool& got_timeout);
    std::vector<HostEvent> copy_batch(ss_plugin_event** evts, uint32_t n);
    // The rc of a batch, after its events: TIMEOUT, EOF, a deferred FAILURE.
    void honour_batch_rc(ss_plugin_rc rc, uint32_t n, bool& got_timeout);
    // Moves queued events to `out`, up to max_events in all.
    void take_pending(std::vector<HostEvent>& out, size_t max_events);
    // After a TIMEOUT without events: false if interrupted; fails past the
    // retry limit; else sleeps the backoff.
    bool wait_after_timeout(uint32_t timeouts);

    Host* host_;
    ss_instance_t* handle_;
    bool open_ = true;
    bool eof_ = false;
    bool failed_ = false;
    std::optional<std::string> deferred_error_;  // FAILURE that came with events
    std::deque<HostEvent> pending_;
};

class Host {
public:
    // dlopen(path, RTLD_LOCAL|RTLD_NOW) (LoadLibraryW on Windows) and every
    // load rule, in libsinsp's order. Throws HostError naming the broken rule.
    explicit Host(const std::string& path, HostOptions options = {});
    // A plugin linked into the program (a static plugin's falcogen_plugin_api_<name>()),
    // as libsinsp's plugin_load_api takes it: the table is copied (below API 3.10,
    // with the members after dump_state moved back to their slots and dump_state
    // cleared), then every load rule as above. path() is "<plugin_api table>".
    explicit Host(const plugin_api* table, HostOptions options = {});
    ~Host();  // closes open instances, plugin_destroy (if a state exists), dlclose
    Host(const Host&) = delete;
    Host& operator=(const Host&) = delete;

    // ---- identity (valid after load) ----
    const std::string& path() const { return path_; }
    const std::string& name() const { return name_; }
    const std::string& version() const { return version_; }
    const std::string& description() const { return description_; }
    const std::string& contact() const { return contact_; }
    const std::string& required_api_version() const { return required_api_version_; }
    uint32_t id() const { return id_; }
    const std::string& event_source() const { return event_source_; }
    // The source name used for this plugin's events: event_source(), or
    // "syscall" for a sourcing plugin with id 0.
    std::string events_source_name() const;
    uint32_t capabilities() const { return caps_; }
    bool has(Capability c) const { return (caps_ & c) != 0; }
    const std::vector<FieldInfo>& fields() const { return fields_; }
    const FieldInfo* find_field(const std::string& name) const;
    const std::set<std::string>& extract_event_sources() const { return extract_sources_; }
    const std::set<std::string>& parse_event_sources() const { return parse_sources_; }
    const std::set<std::string>& async_event_sources() const { return async_sources_; }
    const std::set<std::string>& async_event_names() const { return async_names_; }
    // plugin_get_init_schema: type and text ("" when absent or NONE).
    ss_plugin_schema_type init_schema_type() const;
    std::string init_schema() const;
    // Raw symbol of the plugin library (dlsym, GetProcAddress), for tests.
    void* symbol(const char* name) const;

    // ---- lifecycle ----
    // Validates the config (empty -> "{}") against the init schema, then
    // plugin_init. Throws HostError on a schema violation or an init failure
    // (with the plugin's get_last_error; destroy is called on a returned state).
    void init(const std::string& config = "");
    bool initialized() const { return state_ != nullptr || inited_; }
    ss_plugin_t* state() const { return state_; }
    // The config string actually passed to plugin_init.
    const std::string& init_config() const { return config_; }
    // Validates then calls plugin_set_config; false if the symbol is absent.
    bool set_config(const std::string& config);
    // plugin_destroy now (also done by the destructor).
    void destroy();

    // Event types after init (empty vector: the default set).
    const std::vector<uint16_t>& extract_event_types() const { return extract_types_; }
    const std::vector<uint16_t>& parse_event_types() const { return parse_types_; }
    // The plugin's get_last_error ("" when none).
    std::string last_error() const;
    std::vector<Metric> metrics();
    std::string required_event_schema_version();
    // libsinsp's check when a capture opens with a kernel driver whose event
    // schema version is `in_use` (sinsp_plugin::check_required_schema_version):
    // a plugin whose parse or extract event codes include more than the plugin
    // event must require a version with the same major and no greater
    // minor.patch (3.0.0 if it does not say). Throws HostError with libsinsp's message.
    void check_event_schema_version(const std::string& in_use);
    // Whether the parse or extract event codes include more than the plugin event (after init).
    bool reads_kernel_events() const;

    // ---- sourcing ----
    std::vector<OpenParam> list_open_params();
    std::unique_ptr<Instance> open(const std::string& params = "");
    // The next number of this Host's event sequence, for an event it did not
    // read from the plugin (falcogen run delivers async events between batches
    // under such numbers, as libsinsp numbers every event it returns).
    uint64_t take_event_number() { return next_evtnum_++; }
    // plugin_event_to_string, or libsinsp's fallback "datalen=N data=..."
    std::string event_to_string(const HostEvent& evt);

    // ---- extraction ----
    // `field` is "name" or "name[arg]"; arg parsed as libsinsp does (an index
    // when the field has isIndex and the arg is a valid index, else a key).
    ExtractResult extract(const HostEvent& evt, const std::string& field);
    // One plugin_extract_fields call with num_fields = fields.size().
    std::vector<ExtractResult> extract_many(const HostEvent& evt, const std::vector<std::string>& fields);
    // Typed helper: the first value if the field has one of type T (T is one of
    // std::string, uint64_t, bool, Bytes), or a std::vector<T> of all values.
    template <typename T>
    std::optional<T> extract(const HostEvent& evt, const std::string& field);

    // ---- async events ----
    // plugin_set_async_event_handler with the host's handler, which checks
    // every event (type 402, 3 params, exact len, NUL-terminated name listed
    // in get_async_events) and records it; `on_event` (optional) is called
    // from the plugin's thread. A rejected event makes the handler return
    // FAILURE with the message in `err`, and is recorded in async_errors().
    void start_async(std::function<void(const AsyncEvent&)> on_event = {});
    // Resets the handler to NULL (the plugin must stop and join its thread).
    void stop_async();
    bool async_running() const { return async_running_; }
    std::vector<AsyncEvent> async_events() const;
    std::vector<std::string> async_errors() const;
    // plugin_dump_state (API 3.10) with a handler of its own that checks each
    // event like the async handler: returns the state events, which do not
    // join async_events(). Throws when the plugin has no dump_state, fails,
    // or emits an event the checks reject.
    bool has_dump_state() const { return api_.dump_state != nullptr; }
    std::vector<AsyncEvent> dump_state();

    // The bare plugin_extract_fields call with the host's inputs (its table
    // reader included), no checks and no copies: for benchmarks. The results
    // are the plugin's, valid until its next call.
    ss_plugin_rc extract_fields_raw(const HostEvent& evt, ss_plugin_extract_field* fields, uint32_t count);

    // ---- parsing ----
    // plugin_parse_event; throws on FAILURE.
    void parse_event(const HostEvent& evt);
    // Whether libsinsp would hand the plugin this event to parse (its parse
    // event types and sources, or their defaults).
    bool parse_applies(const HostEvent& evt) const;

    // ---- capture listening ----
    // plugin_capture_open / plugin_capture_close with the host's routine and
    // table vtables; throw HostError with libsinsp's message on FAILURE.
    // capture_close then purges the plugin's routines from the pool.
    void capture_open();
    void capture_close();
    bool capture_is_open() const { return capture_open_; }

    // ---- observation ----
    std::vector<LogMessage> logs() const;
    Summary summary() const;
    const HostOptions& options() const { return options_; }
    // Counts a HostError raised on the host's behalf (e.g. by a caller's check).
    void count_error() { ++summary_.errors; }

    // ---- state tables ----
    // The registry this plugin's tables calls see (HostOptions::tables, or its own).
    TableRegistry& tables() const { return *registry_; }
    // Entries the plugin got and has not released during the current call (tests).
    size_t held_table_entries() const;

    // owner callbacks (C ABI)
    static const char* owner_last_error(ss_plugin_owner_t* o);
    static ss_plugin_rc owner_async_handler(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err);
    static ss_plugin_rc owner_dump_handler(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err);
    static ss_plugin_routine_t* owner_subscribe(ss_plugin_owner_t* o, ss_plugin_routine_fn_t fn,
                                                ss_plugin_routine_state_t* routine_state);
    static ss_plugin_rc owner_unsubscribe(ss_plugin_owner_t* o, ss_plugin_routine_t* routine);
    static void owner_log(ss_plugin_owner_t* o, const char* component, const char* msg, ss_plugin_log_severity sev);

    // The resolved vtable of API 3.12 (NULL = not exported).
    using Api = PluginApi;
    const Api& api() const { return api_; }

private:
    friend class Instance;

    // loading.cpp
    void load();
    // The load rules after the symbols are resolved (dlsym or a plugin_api table).
    void judge_symbols();
    // loading_api.cpp: plugin_load_api's copy and layout fix-up of a table.
    void load_api(const plugin_api* table);
    void resolve_symbols();
    void check_api_version();
    void check_required_symbols();
    void load_static_info();
    void detect_capabilities();
    // The sourcing capability and its id and source rules (false: none of its symbols).
    bool detect_sourcing();
    // The fields and event sources/names of the detected capabilities.
    void load_capability_info();

    // lifecycle.cpp
    std::string validated_config(const std::string& config) const;
    // plugin_init with the host's init input; on failure, destroy and throw.
    void call_plugin_init();
    // get_extract_event_types and get_parse_event_types, after init.
    void load_event_types();
    void require_init(const char* what) const;
    // Counts the error in summary().errors and throws it.
    [[noreturn]] void fail(const std::string& msg);
    std::string plugin_error() const;
    std::string err_prefix() const { return "error in plugin " + name_ + ": "; }

    // sourcing.cpp
    void forget_instance(Instance* i);

    // extraction.cpp
    bool extract_applies(const HostEvent& evt) const;
    std::vector<ExtractResult> do_extract(const HostEvent& evt, const std::vector<std::string>& specs);
    // do_extract once the capability and the event are checked: throws HostError (not fail).
    std::vector<ExtractResult> extract_checked(const HostEvent& evt, const std::vector<std::string>& specs);
    ss_plugin_rc call_extract_fields(const HostEvent& evt, std::vector<ss_plugin_extract_field>& fields,
                                     ss_plugin_extract_value_offsets& offsets);
    ss_plugin_rc call_extract_fields(const HostEvent& evt, ss_plugin_extract_field* fields, uint32_t count,
                                     ss_plugin_extract_value_offsets* offsets);

    // tables_inputs.cpp: the plugin's table owner, made after load and gone
    // (its tables leave the registry) before plugin_destroy.
    void setup_tables();
    void teardown_tables();

    // async.cpp: the handler's verdicts, an error recorded (and copied to
    // `err`) or an event recorded and passed on.
    ss_plugin_rc reject_async_event(const std::string& msg, char* err);
    // The checked host copy of an async event, or the problem (then `ae` is untouched).
    std::string check_async_event(const ss_plugin_event* evt, AsyncEvent& ae);
    void accept_async_event(const AsyncEvent& ae);

    // capture_listen.cpp: one plugin_capture_open or _close call.
    void call_capture_listener(bool open);

    std::string path_;
    HostOptions options_;
    void* dl_ = nullptr;
    Api api_;

    std::string name_, version_, description_, contact_, required_api_version_;
    uint32_t id_ = 0;
    std::string event_source_;
    uint32_t caps_ = CAP_NONE;
    std::vector<FieldInfo> fields_;
    std::set<std::string> extract_sources_, parse_sources_, async_sources_, async_names_;

    ss_plugin_t* state_ = nullptr;
    bool inited_ = false;
    std::string config_;
    std::vector<uint16_t> extract_types_, parse_types_;

    std::string owner_last_error_;
    mutable std::mutex log_mutex_;
    std::vector<LogMessage> logs_;

    std::function<void(const AsyncEvent&)> async_cb_;
    bool async_running_ = false;
    mutable std::mutex async_mutex_;
    std::vector<AsyncEvent> async_events_;
    std::vector<std::string> async_errors_;

    bool capture_open_ = false;

    std::shared_ptr<TableRegistry> registry_;
    std::unique_ptr<detail::TableOwner> table_owner_;

    std::set<Instance*> instances_;
    Summary summary_;
    std::chrono::steady_clock::time_point clock_start_;
    bool clock_started_ = false;
    uint64_t next_evtnum_ = 1;
};

// ---- template implementation --------------------------------------------------------------------

namespace detail {
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
}  // namespace detail

template <typename T>
std::optional<T> Host::extract(const HostEvent& evt, const std::string& field) {
    ExtractResult r = extract(evt, field);
    if (!r.has_value()) {
        return std::nullopt;
    }
    if constexpr (detail::IsVector<T>::value && !std::is_same_v<T, Bytes>) {
        using E = typename T::value_type;
        T out;
        for (const auto& v : r.values) {
            const E* e = std::get_if<E>(&v);
            if (e == nullptr) {
                return std::nullopt;
            }
            out.push_back(*e);
        }
        return out;
    } else {
        static_assert(std::is_same_v<T, std::string> || std::is_same_v<T, uint64_t> || std::is_same_v<T, bool> ||
                          std::is_same_v<T, Bytes>,
                      "extract<T>: T must be std::string, uint64_t, bool, Bytes or a std::vector of those");
        const T* v = std::get_if<T>(&r.values.front());
        if (v == nullptr) {
            return std::nullopt;
        }
        return *v;
    }
}

}  // namespace falcogen::host
