// EventBatch: the events one plugin_next_batch call hands to the host.
//
// All events live in one buffer that the instance keeps across calls, so in
// steady state adding an event allocates nothing. The host may read the
// events until the next next_batch or close on the same instance, which is
// exactly when the batch is cleared or destroyed.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/compiler.hpp"
#include "falcogen/detail/event_header.hpp"

namespace falcogen {
namespace detail {
class BatchAccess;
}  // namespace detail

// Timestamp that asks the host to stamp the event with the current time.
constexpr uint64_t kTimestampNow = UINT64_MAX;

// What the author's next_batch returns.
enum class NextResult {
    ok,  // events were added (no events: the host is told "timeout")
    timeout,  // nothing now, ask again later
    eof,  // the source is done (events added in this call are still delivered)
};

class EventBatch {
public:
    explicit EventBatch(uint32_t plugin_id) : plugin_id_(plugin_id) {}
    EventBatch(const EventBatch&) = delete;
    EventBatch& operator=(const EventBatch&) = delete;

    // Adds one event of a generated layout struct (anything with
    // encoded_size() and encode(uint8_t*)).
    template <typename Layout>
    void add(const Layout& event, uint64_t ts = kTimestampNow) {
        const size_t payload = event.encoded_size();
        uint8_t* out = begin_event(payload, ts);
        event.encode(out);
    }

    // Adds one event whose event_data is given as is (e.g. a JSON document).
    void add_raw(const void* data, size_t size, uint64_t ts = kTimestampNow) {
        uint8_t* out = begin_event(size, ts);
        if (size != 0) std::memcpy(out, data, size);
    }
    void add_raw(std::string_view data, uint64_t ts = kTimestampNow) { add_raw(data.data(), data.size(), ts); }

    uint32_t size() const { return count_; }
    bool empty() const { return count_ == 0; }

    // Bytes held right now; the buffer itself only grows.
    size_t bytes() const { return used_; }

private:
    friend class detail::BatchAccess;  // plugin_next_batch clears and hands out the batch

    void clear() {
        count_ = 0;
        used_ = 0;
    }
    // Pointers to the events, valid until the next clear() or add().
    ss_plugin_event** events() { return pointers_.get(); }

    static constexpr size_t kPluginEventOverhead = detail::kPluginPayloadOffset;
    static constexpr size_t kAlign = 8;  // events start 8-aligned for the host's sake
    static constexpr size_t kMaxPayload = UINT32_MAX - kPluginEventOverhead;

    // The per-event path, inline: one bounds check, the envelope, the
    // pointer. Growing (and the size limit) is out of line: in steady state
    // the buffer is big enough and this is a straight line of stores
    // (bench/: generated sourcing against a hand-written plugin).
    uint8_t* begin_event(size_t payload_size, uint64_t ts) {
        size_t start = (used_ + kAlign - 1) & ~(kAlign - 1);
        const size_t total = kPluginEventOverhead + payload_size;
        if (FALCOGEN_UNLIKELY(payload_size > kMaxPayload || start + total > capacity_ ||
                              count_ == pointers_capacity_)) {
            start = make_room(payload_size);
        }
        uint8_t* p = buffer_.get() + start;
        detail::store<uint64_t>(p, detail::kTsOffset, ts);
        detail::store<uint64_t>(p, detail::kTidOffset, UINT64_MAX);
        detail::store<uint32_t>(p, detail::kLenOffset, static_cast<uint32_t>(total));
        detail::store<uint16_t>(p, detail::kTypeOffset, FALCOGEN_PPME_PLUGINEVENT_E);
        detail::store<uint32_t>(p, detail::kNparamsOffset, 2);
        detail::store<uint32_t>(p, detail::kPluginIdLenOffset, 4);
        detail::store<uint32_t>(p, detail::kDataLenOffset, static_cast<uint32_t>(payload_size));
        detail::store<uint32_t>(p, detail::kPluginIdOffset, plugin_id_);
        pointers_[count_++] = reinterpret_cast<ss_plugin_event*>(p);
        used_ = start + total;
        return p + kPluginEventOverhead;
    }
    // Grows the buffer and/or the pointer array so one more event of
    // `payload_size` bytes fits; returns where it starts. Throws when the
    // event is too large for the format.
    size_t make_room(size_t payload_size);

    uint32_t plugin_id_;
    uint32_t count_ = 0;
    uint32_t pointers_capacity_ = 0;
    size_t used_ = 0;
    size_t capacity_ = 0;
    std::unique_ptr<uint8_t[]> buffer_;
    // The events handed to the host. Kept current as events are added (and
    // rebased when the buffer grows), so handing them out costs nothing.
    std::unique_ptr<ss_plugin_event*[]> pointers_;
};

}  // namespace falcogen
