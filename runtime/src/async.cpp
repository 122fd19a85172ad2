// Async events and dump_state: encoding PPME_ASYNCEVENT_E, calling the host's
// handler, and the producer thread's lifetime.
#include "falcogen/detail/async.hpp"

#include <cstring>
#include <exception>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/state.hpp"
#include "falcogen/error.hpp"

namespace falcogen {

bool AsyncEmitter::emit(std::string_view name, std::string_view payload) {
    return emit_encoded(name, 0, reinterpret_cast<const uint8_t*>(payload.data()), payload.size());
}

bool AsyncEmitter::emit(std::string_view name, const void* data, size_t size) {
    return emit_encoded(name, 0, static_cast<const uint8_t*>(data), size);
}

bool AsyncEmitter::emit_encoded(std::string_view name, uint16_t tag, const uint8_t* data, size_t size) {
    return channel_.emit(name, tag, data, size);
}

bool AsyncEmitter::stopping() const {
    return channel_.stopping();
}

bool AsyncEmitter::wait_ns(int64_t ns) {
    return channel_.wait_ns(ns);
}

uint64_t AsyncEmitter::failures() const {
    return channel_.failures();
}

}  // namespace falcogen

namespace falcogen::detail {

namespace {

constexpr uint16_t kAsyncEventType = 402;  // PPME_ASYNCEVENT_E
constexpr size_t kHeaderSize = 26;  // ts u64, tid u64, len u32, type u16, nparams u32
constexpr size_t kParamsOffset = kHeaderSize + 3 * 4;  // after the 3 u32 parameter lengths

template <typename T>
uint8_t* put(uint8_t* out, T value) {
    std::memcpy(out, &value, sizeof value);
    return out + sizeof value;
}

// PPME_ASYNCEVENT_E: ts -1 (the host's time), tid -1 (no thread), then
// plugin_id u32 | name NUL-terminated | data.
void encode_async(std::vector<uint8_t>& out, uint32_t plugin_id, std::string_view name, const uint8_t* data,
                  size_t size) {
    const size_t total = kParamsOffset + 4 + name.size() + 1 + size;
    out.resize(total);
    uint8_t* p = out.data();
    p = put<uint64_t>(p, UINT64_MAX);
    p = put<uint64_t>(p, UINT64_MAX);
    p = put<uint32_t>(p, uint32_t(total));
    p = put<uint16_t>(p, kAsyncEventType);
    p = put<uint32_t>(p, 3);
    p = put<uint32_t>(p, 4);
    p = put<uint32_t>(p, uint32_t(name.size() + 1));
    p = put<uint32_t>(p, uint32_t(size));
    p = put<uint32_t>(p, plugin_id);
    std::memcpy(p, name.data(), name.size());
    p[name.size()] = '\0';
    if (size != 0) std::memcpy(p + name.size() + 1, data, size);
}

}  // namespace

AsyncChannel::AsyncChannel(const AsyncSpec& spec, uint32_t plugin_id, const Logger& log, ss_plugin_owner_t* owner,
                           ss_plugin_async_event_handler_t handler)
    : spec_(spec), plugin_id_(plugin_id), log_(log), owner_(owner), handler_(handler) {}

const AsyncEventSpec* AsyncChannel::find(std::string_view name) const {
    for (size_t i = 0; i < spec_.event_count; ++i) {
        if (name == spec_.events[i].name) return &spec_.events[i];
    }
    return nullptr;
}

bool AsyncChannel::refuse(std::string_view name, const std::string& why) {
    log_.error("async event '" + std::string(name) + "' not emitted: " + why);
    return false;
}

bool AsyncChannel::emit(std::string_view name, uint16_t tag, const uint8_t* data, size_t size) {
    const AsyncEventSpec* event = find(name);
    if (event == nullptr) return refuse(name, "not in the manifest's async.events");
    if (tag != 0 && tag != event->layout_tag) return refuse(name, "its layout is not the one the manifest gives it");
    if (size > kMaxAsyncPayload) {
        return refuse(name, "payload of " + std::to_string(size) + " bytes is over the limit of " +
                                std::to_string(kMaxAsyncPayload));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_ || handler_ == nullptr) return false;  // no emit after stop
    encode_async(buffer_, plugin_id_, name, data, size);
    char err[PLUGIN_MAX_ERRLEN] = {0};
    const ss_plugin_rc rc = handler_(owner_, reinterpret_cast<const ss_plugin_event*>(buffer_.data()), err);
    if (rc == SS_PLUGIN_SUCCESS) return true;
    err[PLUGIN_MAX_ERRLEN - 1] = '\0';
    ++failures_;
    if (first_failure_.empty()) first_failure_ = err[0] != '\0' ? err : "the handler failed without a message";
    // Logged at the 1st, 2nd, 4th, 8th... failure: a host that refuses every event must not flood its log.
    if ((failures_ & (failures_ - 1)) == 0) {
        log_.error("the host refused async event '" + std::string(name) + "' (" + std::to_string(failures_) +
                   " refused so far): " + (err[0] != '\0' ? err : "no message"));
    }
    return false;
}

void AsyncChannel::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
    }
    cv_.notify_all();
}

bool AsyncChannel::stopping() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
}

bool AsyncChannel::wait_ns(int64_t ns) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_for(lock, std::chrono::nanoseconds(ns < 0 ? 0 : ns), [this] { return stopped_; });
    return !stopped_;
}

uint64_t AsyncChannel::failures() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
}

std::string AsyncChannel::first_failure() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return first_failure_;
}

void AsyncProducer::start(const AsyncSpec& spec, PluginRoot& plugin, uint32_t plugin_id, const Logger& log,
                          ss_plugin_owner_t* owner, ss_plugin_async_event_handler_t handler) {
    stop();
    channel_ = std::make_unique<AsyncChannel>(spec, plugin_id, log, owner, handler);
    AsyncChannel* channel = channel_.get();
    auto run = spec.run;
    thread_ = std::thread([channel, run, &plugin, log] {
        // Nothing escapes the thread: an exception would terminate the host.
        try {
            AsyncEmitter out(*channel);
            run(plugin, out);
        } catch (const std::exception& e) {
            log.error(std::string("async producer (run_async) failed: ") + e.what());
        } catch (...) {
            log.error("async producer (run_async) failed: unknown exception (not derived from std::exception)");
        }
    });
}

void AsyncProducer::stop() noexcept {
    if (channel_) channel_->stop();
    if (thread_.joinable()) thread_.join();
    channel_.reset();
}

}  // namespace falcogen::detail

namespace falcogen::detail::abi {

namespace {

uint32_t async_plugin_id(const PluginSpec& spec) {
    return spec.source != nullptr ? spec.source->id : 0;  // 0: a plugin without a source (the API's rule)
}

// The author's plugin, or an error for a state whose init failed.
PluginRoot& author_of(PluginState& state) {
    if (!state.impl) throw Error("the plugin is not initialized (plugin_init failed)");
    return *state.impl;
}

}  // namespace

const char* get_async_events(const PluginSpec& spec) {
    return spec.async->events_json;
}

const char* get_async_event_sources(const PluginSpec& spec) {
    return spec.async->sources_json;
}

ss_plugin_rc set_async_event_handler(ss_plugin_t* s, ss_plugin_owner_t* owner,
                                     ss_plugin_async_event_handler_t handler) {
    PluginState& state = *plugin_state(s);
    return guard(state.error, "plugin_set_async_event_handler", [&] {
        state.async.stop();  // joins the producer of the previous handler
        if (handler != nullptr) {
            state.async.start(*state.spec.async, author_of(state), async_plugin_id(state.spec), state.log, owner,
                              handler);
        }
        return SS_PLUGIN_SUCCESS;
    });
}

ss_plugin_rc dump_state(ss_plugin_t* s, ss_plugin_owner_t* owner, ss_plugin_async_event_handler_t handler) {
    PluginState& state = *plugin_state(s);
    return guard(state.error, "plugin_dump_state", [&] {
        if (handler == nullptr) throw Error("the host gave no handler");
        AsyncChannel channel(*state.spec.async, async_plugin_id(state.spec), state.log, owner, handler);
        AsyncEmitter out(channel);
        state.spec.async->dump(author_of(state), out);
        channel.stop();
        if (channel.failures() != 0) {
            throw Error("the host refused " + std::to_string(channel.failures()) +
                        " state event(s): " + channel.first_failure());
        }
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace falcogen::detail::abi
