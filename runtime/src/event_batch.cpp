#include "falcogen/event_batch.hpp"

#include <algorithm>

#include "falcogen/detail/copy.hpp"

#include "falcogen/error.hpp"

namespace falcogen {

void detail::copy_large(void* to, const void* from, size_t n) {
    std::memcpy(to, from, n);
}

uint8_t* EventBatch::make_room(size_t payload_size) {
    if (payload_size > kMaxPayload) {
        throw Error("event too large: " + std::to_string(payload_size) + " bytes of event data (the limit is 4 GiB)");
    }
    const size_t used = static_cast<size_t>(next_ - buffer_.get());
    const size_t total = kPluginEventOverhead + payload_size;
    if (used + total > capacity_) {
        size_t capacity = capacity_ == 0 ? 64 * 1024 : capacity_;
        while (capacity < used + total) capacity *= 2;
        // One pointer for every kMinEventSpan bytes (plus one): the bytes run
        // out before the pointers do, so neither path needs to count. That
        // costs a fifth of the buffer's size, against a count check per event.
        const size_t pointers_capacity = capacity / kMinEventSpan + 1;
        std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity]);
        std::unique_ptr<ss_plugin_event*[]> pointers(new ss_plugin_event*[pointers_capacity]);
        if (used != 0) std::memcpy(bigger.get(), buffer_.get(), used);
        // The events already added move with the bytes.
        for (uint32_t i = 0; i < count_; ++i) {
            const size_t offset = static_cast<size_t>(reinterpret_cast<uint8_t*>(pointers_[i]) - buffer_.get());
            pointers[i] = reinterpret_cast<ss_plugin_event*>(bigger.get() + offset);
        }
        buffer_ = std::move(bigger);
        pointers_ = std::move(pointers);
        capacity_ = capacity;
    }
    // The per-event path's room ends at the buffer's end, but less than 4 GiB
    // past this event (whose end may be up to 7 bytes past `total`: the
    // capacity and `used` are multiples of 8), so that an event over the
    // format's limit never passes its check, and the cursor never passes it.
    const size_t span = (total + kAlign - 1) & ~(kAlign - 1);
    constexpr size_t kFastRoom = (UINT32_MAX / kAlign) * kAlign;
    next_ = buffer_.get() + used;
    end_ = buffer_.get() + std::min(capacity_, used + span + kFastRoom);
    return next_;
}

}  // namespace falcogen
