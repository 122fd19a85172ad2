// The host's thread pool for capture listening's routines (plugin API 3.7),
// with the rules of libsinsp's (sinsp_thread_pool_bs): a subscribed routine
// starts at once and is queued again each time it returns true; unsubscribe
// stops it from starting again (a running call finishes); purge drops every
// routine and waits for the running calls. libsinsp has a pool only when
// built with ENABLE_THREAD_POOL (Falco leaves it off): then subscribe returns
// NULL, which a Host without a pool mirrors.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace falcogen::host {

class RoutinePool {
public:
    using Id = const void*;

    explicit RoutinePool(unsigned workers = 2);
    ~RoutinePool();  // purges, then joins the workers
    RoutinePool(const RoutinePool&) = delete;
    RoutinePool& operator=(const RoutinePool&) = delete;

    // `owner` groups routines for purge(owner). The id is never nullptr.
    Id subscribe(const void* owner, std::function<bool()> routine);
    bool unsubscribe(Id id);
    // Drops the routines (of `owner`, or all) and waits for their running calls.
    void purge(const void* owner = nullptr);

    size_t routines() const;  // subscribed and not ended
    uint64_t calls() const;  // routine calls made so far

private:
    struct Routine {
        const void* owner;
        std::function<bool()> fn;
        bool subscribed = true;
        int running = 0;
    };

    void work();

    mutable std::mutex mutex_;
    std::condition_variable ready_;  // a routine is queued, or the pool stops
    std::condition_variable idle_;  // a call ended
    std::deque<std::shared_ptr<Routine>> queue_;
    std::vector<std::shared_ptr<Routine>> live_;  // subscribed and not ended
    uint64_t calls_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace falcogen::host
