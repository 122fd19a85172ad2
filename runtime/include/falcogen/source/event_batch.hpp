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
#include "falcogen/wire/writer.hpp"

namespace falcogen {

// Timestamp that asks the host to stamp the event with the current time.
constexpr uint64_t kTimestampNow = UINT64_MAX;

// What the author's next_batch returns.
enum class NextResult {
    ok,       // events were added (no events: the host is told "timeout")
    timeout,  // nothing now, ask again later
    eof,      // the source is done (events added in this call are still delivered)
};

class EventBatch {
public:
    explicit EventBatch(uint32_t plugin_id) : plugin_id_(plugin_id) {}
    EventBatch(const EventBatch&) = delete;
    EventBatch& operator=(const EventBatch&) = delete;

    // Adds one event of a generated layout type (anything with
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

    // --- used by the generated plugin_next_batch --------------------------
    void clear() {
        count_ = 0;
        used_ = 0;
    }
    // Pointers to the events, valid until the next clear() or add().
    ss_plugin_event** finish();

private:
    uint8_t* begin_event(size_t payload_size, uint64_t ts);
    void grow_bytes(size_t needed);
    void grow_offsets();

    uint32_t plugin_id_;
    uint32_t count_ = 0;
    size_t used_ = 0;
    size_t capacity_ = 0;
    std::unique_ptr<uint8_t[]> buffer_;
    uint32_t offsets_capacity_ = 0;
    std::unique_ptr<size_t[]> offsets_;  // start of each event in buffer_
    std::unique_ptr<ss_plugin_event*[]> pointers_;
};

}  // namespace falcogen
