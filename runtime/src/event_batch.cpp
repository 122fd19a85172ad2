#include "falcogen/source/event_batch.hpp"

#include "falcogen/base/error.hpp"

namespace falcogen {

namespace {
constexpr size_t kHeader = 26;
constexpr size_t kPluginEventOverhead = 38;  // header + 2 lengths + plugin_id
constexpr size_t kAlign = 8;                 // events start 8-aligned for the host's sake
constexpr size_t kMaxEventSize = UINT32_MAX;
}  // namespace

uint8_t* EventBatch::begin_event(size_t payload_size, uint64_t ts) {
    if (payload_size > kMaxEventSize - kPluginEventOverhead) {
        throw Error("event too large: " + std::to_string(payload_size) + " bytes of event data (the limit is 4 GiB)");
    }
    const size_t start = (used_ + kAlign - 1) & ~(kAlign - 1);
    const size_t total = kPluginEventOverhead + payload_size;
    if (start + total > capacity_) grow_bytes(start + total);
    if (count_ == offsets_capacity_) grow_offsets();

    uint8_t* p = buffer_.get() + start;
    const uint64_t tid = UINT64_MAX;
    const uint32_t len = static_cast<uint32_t>(total);
    const uint16_t type = FALCOGEN_PPME_PLUGINEVENT_E;
    const uint32_t nparams = 2;
    const uint32_t id_len = 4;
    const uint32_t data_len = static_cast<uint32_t>(payload_size);
    std::memcpy(p + 0, &ts, 8);
    std::memcpy(p + 8, &tid, 8);
    std::memcpy(p + 16, &len, 4);
    std::memcpy(p + 20, &type, 2);
    std::memcpy(p + 22, &nparams, 4);
    std::memcpy(p + kHeader, &id_len, 4);
    std::memcpy(p + kHeader + 4, &data_len, 4);
    std::memcpy(p + kHeader + 8, &plugin_id_, 4);

    offsets_[count_++] = start;
    used_ = start + total;
    return p + kPluginEventOverhead;
}

void EventBatch::grow_bytes(size_t needed) {
    size_t capacity = capacity_ == 0 ? 64 * 1024 : capacity_;
    while (capacity < needed) capacity *= 2;
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[capacity]);
    if (used_ != 0) std::memcpy(bigger.get(), buffer_.get(), used_);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
}

void EventBatch::grow_offsets() {
    const uint32_t capacity = offsets_capacity_ == 0 ? 256 : offsets_capacity_ * 2;
    std::unique_ptr<size_t[]> offsets(new size_t[capacity]);
    if (count_ != 0) std::memcpy(offsets.get(), offsets_.get(), count_ * sizeof(size_t));
    offsets_ = std::move(offsets);
    pointers_.reset(new ss_plugin_event*[capacity]);
    offsets_capacity_ = capacity;
}

ss_plugin_event** EventBatch::finish() {
    for (uint32_t i = 0; i < count_; ++i) {
        pointers_[i] = reinterpret_cast<ss_plugin_event*>(buffer_.get() + offsets_[i]);
    }
    return pointers_.get();
}

}  // namespace falcogen
