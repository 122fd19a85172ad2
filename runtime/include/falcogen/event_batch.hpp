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
    size_t bytes() const { return static_cast<size_t>(next_ - buffer_.get()); }

private:
    friend class detail::BatchAccess;  // plugin_next_batch clears and hands out the batch

    void clear() {
        count_ = 0;
        next_ = buffer_.get();
    }
    // Pointers to the events, valid until the next clear() or add().
    ss_plugin_event** events() { return pointers_.get(); }

    static constexpr size_t kPluginEventOverhead = detail::kPluginPayloadOffset;
    static constexpr size_t kAlign = 8;  // events start 8-aligned for the host's sake
    static constexpr size_t kMaxPayload = UINT32_MAX - kPluginEventOverhead;
    // The fewest bytes an event takes in the buffer (an empty payload, aligned).
    static constexpr size_t kMinEventSpan = (kPluginEventOverhead + kAlign - 1) & ~(kAlign - 1);

    // The per-event path, inline: one bounds check, the envelope, the
    // pointer. It is a straight line of stores, as in a hand-written plugin
    // that sized its buffer for its largest event (bench/: generated sourcing
    // against hand-written plugins). One comparison covers everything that
    // needs the slow path, make_room: the buffer is full, the pointer array
    // is full (it holds an event for every kMinEventSpan bytes of the
    // buffer, so the bytes run out first), the event is too large for the
    // format (the room is always under 4 GiB), or there is no buffer yet.
    FALCOGEN_INLINE uint8_t* begin_event(size_t payload_size, uint64_t ts) {
        uint8_t* p = next_;
        const size_t total = kPluginEventOverhead + payload_size;
        if (FALCOGEN_UNLIKELY(total > static_cast<size_t>(end_ - p))) p = make_room(payload_size);
        // The bookkeeping before the event's bytes: stores through a byte
        // pointer may alias anything, so members read after them are loaded
        // again from memory.
        pointers_[count_++] = reinterpret_cast<ss_plugin_event*>(p);
        next_ = p + ((total + kAlign - 1) & ~(kAlign - 1));
        const uint32_t plugin_id = plugin_id_;
        detail::store<uint64_t>(p, detail::kTsOffset, ts);
        detail::store<uint64_t>(p, detail::kTidOffset, UINT64_MAX);
        detail::store<uint32_t>(p, detail::kLenOffset, static_cast<uint32_t>(total));
        detail::store<uint16_t>(p, detail::kTypeOffset, FALCOGEN_PPME_PLUGINEVENT_E);
        detail::store<uint32_t>(p, detail::kNparamsOffset, 2);
        detail::store<uint32_t>(p, detail::kPluginIdLenOffset, 4);
        detail::store<uint32_t>(p, detail::kDataLenOffset, static_cast<uint32_t>(payload_size));
        detail::store<uint32_t>(p, detail::kPluginIdOffset, plugin_id);
        return p + kPluginEventOverhead;
    }
    // Grows the buffer (and the pointer array with it) so one more event of
    // `payload_size` bytes fits; returns where it starts. Throws when the
    // event is too large for the format.
    uint8_t* make_room(size_t payload_size);

    uint32_t plugin_id_;
    uint32_t count_ = 0;
    // Where the next event starts (8-aligned), and the end of the room the
    // per-event path may use (never before next_): the buffer's end, or less
    // than 4 GiB past the event make_room placed last. Both null until the
    // first event.
    uint8_t* next_ = nullptr;
    uint8_t* end_ = nullptr;
    size_t capacity_ = 0;
    std::unique_ptr<uint8_t[]> buffer_;
    // The events handed to the host. Kept current as events are added (and
    // rebased when the buffer grows), so handing them out costs nothing.
    std::unique_ptr<ss_plugin_event*[]> pointers_;
};

}  // namespace falcogen
