// The host's routine pool: libsinsp's rules (host/include/.../thread_pool.hpp).
#include <falcogen/host/thread_pool.hpp>

#include <algorithm>

namespace falcogen::host {

RoutinePool::RoutinePool(unsigned workers) {
    for (unsigned i = 0; i < std::max(workers, 1u); ++i) workers_.emplace_back([this] { work(); });
}

RoutinePool::~RoutinePool() {
    purge();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
}

RoutinePool::Id RoutinePool::subscribe(const void* owner, std::function<bool()> routine) {
    auto r = std::make_shared<Routine>(Routine{owner, std::move(routine)});
    {
        std::lock_guard<std::mutex> lock(mutex_);
        live_.push_back(r);
        queue_.push_back(r);
    }
    ready_.notify_one();
    return r.get();
}

bool RoutinePool::unsubscribe(Id id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = std::find_if(live_.begin(), live_.end(), [&](const auto& r) { return r.get() == id; });
    if (it == live_.end()) return false;
    (*it)->subscribed = false;
    live_.erase(it);
    return true;
}

void RoutinePool::purge(const void* owner) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::vector<std::shared_ptr<Routine>> dropped;
    auto of_owner = [&](const std::shared_ptr<Routine>& r) { return owner == nullptr || r->owner == owner; };
    for (const auto& r : live_) {
        if (of_owner(r)) {
            r->subscribed = false;
            dropped.push_back(r);
        }
    }
    live_.erase(std::remove_if(live_.begin(), live_.end(), of_owner), live_.end());
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(), of_owner), queue_.end());
    idle_.wait(lock, [&] {
        return std::all_of(dropped.begin(), dropped.end(), [](const auto& r) { return r->running == 0; });
    });
}

size_t RoutinePool::routines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return live_.size();
}

uint64_t RoutinePool::calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
}

// One call per dequeued routine; queued again while it returns true and
// stays subscribed (libsinsp's run_routine).
void RoutinePool::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        std::shared_ptr<Routine> r = std::move(queue_.front());
        queue_.pop_front();
        if (!r->subscribed) continue;
        ++r->running;
        ++calls_;
        lock.unlock();
        const bool again = r->fn();
        lock.lock();
        --r->running;
        if (again && r->subscribed) {
            queue_.push_back(r);
            ready_.notify_one();
        } else if (r->subscribed) {
            r->subscribed = false;
            live_.erase(std::remove(live_.begin(), live_.end(), r), live_.end());
        }
        idle_.notify_all();
    }
}

}  // namespace falcogen::host
