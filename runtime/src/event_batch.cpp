#include "falcogen/event_batch.hpp"

#include "falcogen/detail/copy.hpp"

#include "falcogen/error.hpp"

namespace falcogen {

void detail::copy_large(void* to, const void* from, size_t n) {
    std::memcpy(to, from, n);
}

size_t EventBatch::make_room(size_t payload_size) {
    if (payload_size > kMaxPayload) {
        throw Error("event too large: " + std::to_string(payload_size) + " bytes of event data (the limit is 4 GiB)");
    }
    const size_t start = (used_ + kAlign - 1) & ~(kAlign - 1);
    const size_t needed = start + kPluginEventOverhead + payload_size;
    if (needed > capacity_) {
        size_t capacity = capacity_ == 0 ? 64 * 1024 : capacity_;
        while (capacity < needed) capacity *= 2;
        std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity]);
        if (used_ != 0) std::memcpy(bigger.get(), buffer_.get(), used_);
        // The events already added move with the bytes.
        for (uint32_t i = 0; i < count_; ++i) {
            const size_t offset = static_cast<size_t>(reinterpret_cast<uint8_t*>(pointers_[i]) - buffer_.get());
            pointers_[i] = reinterpret_cast<ss_plugin_event*>(bigger.get() + offset);
        }
        buffer_ = std::move(bigger);
        capacity_ = capacity;
    }
    if (count_ == pointers_capacity_) {
        const uint32_t capacity = pointers_capacity_ == 0 ? 256 : pointers_capacity_ * 2;
        std::unique_ptr<ss_plugin_event*[]> pointers(new ss_plugin_event*[capacity]);
        if (count_ != 0) std::memcpy(pointers.get(), pointers_.get(), count_ * sizeof(ss_plugin_event*));
        pointers_ = std::move(pointers);
        pointers_capacity_ = capacity;
    }
    return start;
}

}  // namespace falcogen
