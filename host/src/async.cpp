// Async events: the host's handler, which checks and records every event the
// plugin pushes, and starting/stopping it.
#include <falcogen/host/host.hpp>

#include <cstdio>
#include <cstring>

namespace falcogen::host {

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

}  // namespace falcogen::host
