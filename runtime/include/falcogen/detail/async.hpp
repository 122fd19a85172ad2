// The async events capability (plugin API 3.0) and dump_state (3.10): the
// channel that encodes PPME_ASYNCEVENT_E and calls the host's handler, and
// the producer thread the runtime owns between two set_async_event_handler
// calls. See docs/async.md and docs/threads.md.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/async.hpp"
#include "falcogen/detail/roots.hpp"
#include "falcogen/logger.hpp"

namespace falcogen::detail {

struct AsyncEventSpec {
    const char* name;
    uint16_t layout_tag;  // the tag of the event's layout; 0: raw bytes only
};

struct AsyncSpec {
    const char* events_json;  // plugin_get_async_events
    const char* sources_json;  // plugin_get_async_event_sources
    const AsyncEventSpec* events;
    size_t event_count;
    void (*run)(PluginRoot& plugin, AsyncEmitter& out);  // the author's run_async
    void (*dump)(PluginRoot& plugin, AsyncEmitter& out);  // the author's dump_state; nullptr: not exported
};

// A handler of the host and everything emitting through it takes. Every
// member function is thread-safe; emit holds the lock while the handler runs,
// so once stop() returns no event reaches the handler.
class AsyncChannel {
public:
    AsyncChannel(const AsyncSpec& spec, uint32_t plugin_id, const Logger& log, ss_plugin_owner_t* owner,
                 ss_plugin_async_event_handler_t handler);

    bool emit(std::string_view name, uint16_t tag, const uint8_t* data, size_t size);
    void stop();
    bool stopping() const;
    bool wait_ns(int64_t ns);
    uint64_t failures() const;
    std::string first_failure() const;

private:
    bool refuse(std::string_view name, const std::string& why);  // logs; false
    const AsyncEventSpec* find(std::string_view name) const;

    const AsyncSpec& spec_;
    const uint32_t plugin_id_;
    const Logger log_;
    ss_plugin_owner_t* const owner_;
    const ss_plugin_async_event_handler_t handler_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stopped_ = false;
    std::vector<uint8_t> buffer_;  // the event being handed over (under mutex_)
    uint64_t failures_ = 0;
    std::string first_failure_;
};

// The author's run_async on a thread of the runtime's, from a handler set to
// the next reset (stop: prompt, then joined). A producer that throws ends
// with its error logged; the next handler starts it again.
class AsyncProducer {
public:
    AsyncProducer() = default;
    AsyncProducer(const AsyncProducer&) = delete;
    AsyncProducer& operator=(const AsyncProducer&) = delete;
    ~AsyncProducer() { stop(); }

    void start(const AsyncSpec& spec, PluginRoot& plugin, uint32_t plugin_id, const Logger& log,
               ss_plugin_owner_t* owner, ss_plugin_async_event_handler_t handler);
    void stop() noexcept;

private:
    std::unique_ptr<AsyncChannel> channel_;
    std::thread thread_;
};

}  // namespace falcogen::detail
