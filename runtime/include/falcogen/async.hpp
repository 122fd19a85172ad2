// What the author's async producer and dump_state receive: an emitter of
// async events (PPME_ASYNCEVENT_E, 402) bound to the host's handler.
// Thread-safe: any thread may emit; see docs/async.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "falcogen/detail/layout.hpp"

namespace falcogen {

namespace detail {
class AsyncChannel;
}  // namespace detail

// Largest payload emit() accepts (bytes); larger ones are refused.
constexpr size_t kMaxAsyncPayload = size_t(64) << 20;

class AsyncEmitter {
public:
    explicit AsyncEmitter(detail::AsyncChannel& channel) : channel_(channel) {}
    AsyncEmitter(const AsyncEmitter&) = delete;
    AsyncEmitter& operator=(const AsyncEmitter&) = delete;

    // Emits the async event `name` (one of the manifest's async.events) with
    // `payload` as its data. Returns false and emits nothing after stop, for a
    // name the manifest does not list, a payload over kMaxAsyncPayload, or
    // when the host's handler refuses the event (logged and counted).
    bool emit(std::string_view name, std::string_view payload);
    bool emit(std::string_view name, const void* data, size_t size);

    // Emits a layout struct as the payload of an event declared with that
    // layout (`layout:` in the manifest); false for an event of another layout.
    template <typename Layout, typename = decltype(Layout::kTag)>
    bool emit(std::string_view name, const Layout& event) {
        std::vector<uint8_t> bytes(detail::encoded_size(event));
        detail::encode(event, bytes.data());
        return emit_encoded(name, Layout::kTag, bytes.data(), bytes.size());
    }

    // True once the host asked the producer to stop: return from run_async.
    bool stopping() const;
    // Sleeps up to `timeout`, waking at once on stop; returns !stopping().
    template <typename Rep, typename Period>
    bool wait_for(std::chrono::duration<Rep, Period> timeout) {
        return wait_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count());
    }
    // Events the host's handler refused so far.
    uint64_t failures() const;

private:
    bool emit_encoded(std::string_view name, uint16_t tag, const uint8_t* data, size_t size);
    bool wait_ns(int64_t ns);

    detail::AsyncChannel& channel_;
};

}  // namespace falcogen
