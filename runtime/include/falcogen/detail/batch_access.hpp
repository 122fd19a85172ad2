// The runtime's side of EventBatch: what plugin_next_batch does to a batch
// that author code must not (clearing it, handing its events to the host).
#pragma once

#include "falcogen/event_batch.hpp"

namespace falcogen::detail {

class BatchAccess {
public:
    static void clear(EventBatch& batch) { batch.clear(); }
    // Pointers to the batch's events, valid until the next clear() or add().
    static ss_plugin_event** events(EventBatch& batch) { return batch.events(); }
};

}  // namespace falcogen::detail
