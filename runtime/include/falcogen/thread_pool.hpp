// What the author's capture_open and capture_close receive (capture
// listening, plugin API 3.7): the host's thread pool, to run recurring
// routines in instead of threads of the plugin's own. See docs/capture.md.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/logger.hpp"

namespace falcogen {

namespace detail {
struct RoutineRecord;
}  // namespace detail

// A subscribed routine, for ThreadPool::unsubscribe. A default-constructed
// one is no routine.
class Routine {
public:
    Routine() = default;
    explicit operator bool() const { return record_ != nullptr; }

private:
    friend class ThreadPool;
    explicit Routine(detail::RoutineRecord* record) : record_(record) {}
    detail::RoutineRecord* record_ = nullptr;
};

// Routines run on the host's thread pool, or, on hosts without one (libsinsp
// builds it only with ENABLE_THREAD_POOL, which Falco leaves off), each on a
// thread of the runtime's: the contract is the same. Every member function is
// thread-safe; the pool lives as long as the plugin, so a reference to it may
// be kept (to subscribe from parse, say) but it subscribes only while a
// capture is open.
class ThreadPool {
public:
    ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;
    ~ThreadPool();

    // Runs `routine` again and again, one call after the other, until it
    // returns false, throws (logged), is unsubscribed or the capture closes.
    // Calls do not pace themselves: wait inside the routine (wait_for) between
    // two pieces of work. Throws falcogen::Error when no capture is open or
    // the host refuses the routine.
    Routine subscribe(std::function<bool()> routine);
    // Stops a routine: once this returns, it starts no new call (one already
    // running on another thread may finish). False for a routine that had
    // already ended or is not this pool's.
    bool unsubscribe(Routine routine);
    // Sleeps up to `timeout` inside a routine, waking at once when the
    // capture closes; returns whether the capture is still open.
    template <typename Rep, typename Period>
    bool wait_for(std::chrono::duration<Rep, Period> timeout) {
        return wait_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count());
    }
    // Whether the host runs the routines (false: the runtime's own threads).
    bool host_runs_routines() const;

    // The runtime's side (capture_open, capture_close, plugin_destroy).
    void open(ss_plugin_owner_t* owner, const ss_plugin_routine_vtable* vtable, const Logger& log);
    void close() noexcept;

private:
    bool wait_ns(int64_t ns);
    void reclaim_locked();  // frees the records of routines that can never run again

    mutable std::mutex mutex_;
    std::condition_variable closed_;
    bool open_ = false;
    ss_plugin_owner_t* owner_ = nullptr;
    ss_plugin_routine_vtable vtable_{};  // a copy: the host's lives only during its call
    Logger log_;
    std::list<std::unique_ptr<detail::RoutineRecord>> routines_;
};

}  // namespace falcogen
