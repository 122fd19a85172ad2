// Async events: the host's handler, which checks and records every event the
// plugin pushes, and starting/stopping it.
#include <falcogen/host/host.hpp>

#include <cstdio>
#include <cstring>

namespace falcogen::host {

namespace {

const char* const kMalformed = "malformed async event: ";

// Why the header of the async event at `raw` breaks a rule (len, type 402, 3
// parameters, room for their lengths), or "".
std::string async_header_problem(const uint8_t* raw) {
    const uint32_t len = load<uint32_t>(raw + kOffLen);
    const uint16_t type = load<uint16_t>(raw + kOffType);
    const uint32_t nparams = load<uint32_t>(raw + kOffNparams);
    const std::string pre = kMalformed;
    if (len < kEventHeaderSize) return pre + "len " + std::to_string(len) + " is shorter than the 26-byte event header";
    if (type != kAsyncEventType) return pre + "event type " + std::to_string(type) + " (expected 402)";
    if (nparams != 3) return pre + "nparams " + std::to_string(nparams) + " (expected 3)";
    if (len < kAsyncPluginIdOffset) {
        return pre + "len " + std::to_string(len) + " is too short for the 3 parameter lengths (need at least 38)";
    }
    return {};
}

// Why the parameters of an async event with a good header break a rule
// (plugin_id of 4 bytes, exact len, a NUL-terminated name listed in `names`),
// or "": then `name` is the event's name.
std::string async_params_problem(const uint8_t* raw, const std::set<std::string>& names, std::string& name) {
    const uint32_t len = load<uint32_t>(raw + kOffLen);
    const uint32_t l0 = load<uint32_t>(raw + param_len_offset(0));
    const uint32_t l1 = load<uint32_t>(raw + param_len_offset(1));
    const uint32_t l2 = load<uint32_t>(raw + param_len_offset(2));
    const std::string pre = kMalformed;
    if (l0 != 4) return pre + "plugin_id parameter length " + std::to_string(l0) + " (expected 4)";
    const uint64_t expected = uint64_t(kAsyncPluginIdOffset) + l0 + l1 + l2;
    if (expected != len) {
        return pre + "len " + std::to_string(len) +
               " does not match 26+12+4+namelen+datalen = " + std::to_string(expected);
    }
    if (l1 == 0 || raw[kAsyncNameOffset + l1 - 1] != '\0') return pre + "the name is not NUL-terminated";
    name = std::string(reinterpret_cast<const char*>(raw + kAsyncNameOffset));
    if (name.size() + 1 != l1) return pre + "the name has an embedded NUL";
    if (names.count(name) == 0) return "incompatible async event '" + name + "' (not in get_async_events)";
    return {};
}

// The host's copy of an accepted async event: plugin_id set to the plugin's
// id, ts -1 set to now.
std::vector<uint8_t> async_event_copy(const uint8_t* raw, uint32_t plugin_id) {
    std::vector<uint8_t> bytes(raw, raw + load<uint32_t>(raw + kOffLen));
    std::memcpy(&bytes[kAsyncPluginIdOffset], &plugin_id, 4);
    uint64_t ts = load<uint64_t>(&bytes[0]);
    if (ts == UINT64_MAX) {
        ts = now_ns();
        std::memcpy(&bytes[0], &ts, 8);
    }
    return bytes;
}

}  // namespace

ByteSpan AsyncEvent::data() const {
    const auto& b = event.bytes();
    uint32_t namelen = 0, datalen = 0;
    std::memcpy(&namelen, &b[param_len_offset(1)], 4);
    std::memcpy(&datalen, &b[param_len_offset(2)], 4);
    return ByteSpan{b.data() + kAsyncNameOffset + namelen, datalen};
}

std::string Host::check_async_event(const ss_plugin_event* evt, AsyncEvent& ae) {
    if (evt == nullptr) return "async event handler called with a NULL event";
    const auto* raw = reinterpret_cast<const uint8_t*>(evt);
    std::string name;
    std::string problem = async_header_problem(raw);
    if (problem.empty()) problem = async_params_problem(raw, async_names_, name);
    if (problem.empty()) ae = AsyncEvent{name, HostEvent(async_event_copy(raw, id_), 0, events_source_name())};
    return problem;
}

ss_plugin_rc Host::owner_async_handler(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err) {
    auto* h = static_cast<Host*>(o);
    if (h == nullptr) return SS_PLUGIN_FAILURE;
    AsyncEvent ae;
    const std::string problem = h->check_async_event(evt, ae);
    if (!problem.empty()) return h->reject_async_event(problem, err);
    h->accept_async_event(ae);
    return SS_PLUGIN_SUCCESS;
}

namespace {

// The owner plugin_dump_state is given: the host and the events of this dump.
struct DumpSink {
    Host* host;
    std::vector<AsyncEvent> events;
    std::string problem;  // the first rejected event's
};

}  // namespace

ss_plugin_rc Host::owner_dump_handler(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err) {
    auto* sink = static_cast<DumpSink*>(o);
    if (sink == nullptr) return SS_PLUGIN_FAILURE;
    AsyncEvent ae;
    const std::string problem = sink->host->check_async_event(evt, ae);
    if (problem.empty()) {
        sink->events.push_back(std::move(ae));
        return SS_PLUGIN_SUCCESS;
    }
    if (sink->problem.empty()) sink->problem = problem;
    if (err != nullptr) std::snprintf(err, PLUGIN_MAX_ERRLEN, "%s", problem.c_str());
    return SS_PLUGIN_FAILURE;
}

std::vector<AsyncEvent> Host::dump_state() {
    require_init("dump_state");
    if (api_.dump_state == nullptr) fail("plugin " + name_ + " has no plugin_dump_state");
    DumpSink sink{this, {}, {}};
    const ss_plugin_rc rc = api_.dump_state(state_, &sink, &Host::owner_dump_handler);
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "dump_state failed: " + plugin_error());
    if (!sink.problem.empty()) fail(err_prefix() + "dump_state: " + sink.problem);
    return std::move(sink.events);
}

ss_plugin_rc Host::reject_async_event(const std::string& msg, char* err) {
    const std::string full = "error in plugin " + name_ + ": " + msg;
    if (err != nullptr) {
        std::snprintf(err, PLUGIN_MAX_ERRLEN, "%s", full.c_str());
    }
    std::lock_guard<std::mutex> lock(async_mutex_);
    async_errors_.push_back(full);
    return SS_PLUGIN_FAILURE;
}

void Host::accept_async_event(const AsyncEvent& ae) {
    {
        std::lock_guard<std::mutex> lock(async_mutex_);
        async_events_.push_back(ae);
    }
    if (async_cb_) async_cb_(ae);
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

}  // namespace falcogen::host
