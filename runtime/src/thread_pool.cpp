// The routines of capture listening: on the host's thread pool when it has
// one, else each on a thread of the runtime's, with one contract for both
// (falcogen/thread_pool.hpp, docs/capture.md).
#include "falcogen/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "falcogen/error.hpp"

namespace falcogen::detail {

// One subscribed routine. The host holds a pointer to it (the routine state)
// until it stops calling, so the record lives until it can never run again.
struct RoutineRecord {
    RoutineRecord(std::function<bool()> f, const Logger& l) : fn(std::move(f)), log(l) {}

    // One call of the author's routine; false ends it. Nothing escapes: the
    // host's pool thread would terminate the process.
    bool step() noexcept {
        if (cancelled.load()) {
            finished.store(true);
            return false;
        }
        running.fetch_add(1);
        bool again = false;
        try {
            again = fn();
        } catch (const std::exception& e) {
            log.error(std::string("a routine failed and was unsubscribed: ") + e.what());
        } catch (...) {
            log.error("a routine failed and was unsubscribed: unknown exception (not derived from std::exception)");
        }
        const bool more = again && !cancelled.load();
        if (!more) finished.store(true);
        running.fetch_sub(1);
        return more;
    }

    const std::function<bool()> fn;
    const Logger log;
    std::atomic<bool> cancelled{false};  // unsubscribed, or the capture closed
    std::atomic<bool> finished{false};  // returned false: it is never called again
    std::atomic<int> running{0};  // calls in progress
    ss_plugin_routine_t* host_handle = nullptr;  // under the pool's mutex; nullptr: runs on `thread`
    std::thread thread;  // the runtime's thread, on hosts without a thread pool
};

namespace {

ss_plugin_bool run_once(ss_plugin_t*, ss_plugin_routine_state_t* state) {
    return static_cast<RoutineRecord*>(state)->step() ? 1 : 0;
}

void run_on_own_thread(RoutineRecord* record) {
    while (record->step()) std::this_thread::yield();
}

}  // namespace

}  // namespace falcogen::detail

namespace falcogen {

using detail::RoutineRecord;

ThreadPool::ThreadPool() = default;

ThreadPool::~ThreadPool() {
    close();
}

void ThreadPool::open(ss_plugin_owner_t* owner, const ss_plugin_routine_vtable* vtable, const Logger& log) {
    std::lock_guard<std::mutex> lock(mutex_);
    reclaim_locked();
    owner_ = owner;
    vtable_ = vtable != nullptr ? *vtable : ss_plugin_routine_vtable{};
    log_ = log;
    open_ = true;
}

// Stops every routine and waits for the calls in progress: when it returns,
// none runs and none will run again.
void ThreadPool::close() noexcept {
    std::vector<std::thread> threads;
    std::vector<RoutineRecord*> records;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = false;
        for (auto& record : routines_) {
            record->cancelled.store(true);
            records.push_back(record.get());
            if (record->thread.joinable()) threads.push_back(std::move(record->thread));
        }
    }
    closed_.notify_all();  // wakes routines in wait_for
    for (std::thread& thread : threads) thread.join();
    // Calls on the host's pool: no new one starts (cancelled), so this ends
    // when the last one returns.
    for (RoutineRecord* record : records) {
        while (record->running.load() != 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

Routine ThreadPool::subscribe(std::function<bool()> routine) {
    if (!routine) throw Error("ThreadPool::subscribe: the routine is empty");
    std::lock_guard<std::mutex> lock(mutex_);
    if (!open_)
        throw Error("ThreadPool::subscribe: no capture is open (routines run from capture_open to capture_close)");
    reclaim_locked();
    routines_.push_back(std::make_unique<RoutineRecord>(std::move(routine), log_));
    RoutineRecord* record = routines_.back().get();
    if (vtable_.subscribe != nullptr) {
        record->host_handle = vtable_.subscribe(owner_, &detail::run_once, record);
        if (record->host_handle != nullptr) return Routine(record);
        vtable_.subscribe = nullptr;  // no pool in this host (libsinsp returns NULL then): ours from now on
    }
    try {
        record->thread = std::thread(&detail::run_on_own_thread, record);
    } catch (const std::exception& e) {
        routines_.pop_back();
        throw Error(std::string("ThreadPool::subscribe: cannot start a thread: ") + e.what());
    }
    return Routine(record);
}

bool ThreadPool::unsubscribe(Routine routine) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = std::find_if(routines_.begin(), routines_.end(),
                              [&](const std::unique_ptr<RoutineRecord>& r) { return r.get() == routine.record_; });
    if (found == routines_.end()) return false;
    RoutineRecord& record = **found;
    if (record.finished.load() || record.cancelled.exchange(true)) return false;
    // The host's own list is updated too; its pool would otherwise call once
    // more (and get false).
    if (record.host_handle != nullptr && vtable_.unsubscribe != nullptr)
        vtable_.unsubscribe(owner_, record.host_handle);
    return true;
}

bool ThreadPool::host_runs_routines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return vtable_.subscribe != nullptr;
}

bool ThreadPool::wait_ns(int64_t ns) {
    std::unique_lock<std::mutex> lock(mutex_);
    closed_.wait_for(lock, std::chrono::nanoseconds(ns < 0 ? 0 : ns), [this] { return !open_; });
    return open_;
}

// A finished routine is never called again: the host got false from it, or
// its thread ended (joined here: it exits right after finishing). A routine
// the host still holds stays until the plugin is destroyed.
void ThreadPool::reclaim_locked() {
    routines_.remove_if([](const std::unique_ptr<RoutineRecord>& record) {
        if (!record->finished.load() || record->running.load() != 0) return false;
        if (record->thread.joinable()) record->thread.join();
        return true;
    });
}

}  // namespace falcogen
