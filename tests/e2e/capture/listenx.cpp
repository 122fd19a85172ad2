// The listenx test plugin: routines that count, and the failures the
// config's mode asks for.
#include <atomic>
#include <thread>

#include "plugin.gen.hpp"

namespace listenx {

namespace {

class ListenxPlugin final : public PluginBase {
public:
    explicit ListenxPlugin(const Config& config) : config_(config) {}

    void capture_open(falcogen::ThreadPool& pool) override {
        pool_ = &pool;
        metrics().opens.add(1);
        int64_t threads = 0;
        tables().threads.for_each([&](const auto&) { ++threads; });
        metrics().threads_at_open.set(threads);
        for (int64_t i = 0; i < config_.routines; ++i) pool.subscribe([this, &pool] { return count(pool); });
        if (config_.mode == "fail_open") throw falcogen::Error("capture_open failed on purpose");
        if (config_.mode == "unsubscribe") {
            falcogen::Routine idle = pool.subscribe([&pool] { return pool.wait_for(std::chrono::milliseconds(1)); });
            const bool first = pool.unsubscribe(idle);
            const bool second = pool.unsubscribe(idle);
            metrics().unsubscribed.set(first && !second ? 1 : 0);
        }
    }

    void capture_close(falcogen::ThreadPool&) override {
        metrics().closes.add(1);
        metrics().running_at_close.set(running_.load());
        if (config_.mode == "fail_close") throw falcogen::Error("capture_close failed on purpose");
    }

    bool extract_listenx_calls(const Event&, uint64_t& out) override {
        out = metrics().routine_calls.get();
        return true;
    }

    bool extract_listenx_subscribe_now(const Event&, std::string& out) override {
        if (pool_ == nullptr) return false;
        try {
            pool_->unsubscribe(pool_->subscribe([] { return false; }));
            out = "subscribed";
        } catch (const falcogen::Error& e) {
            out = e.what();
        }
        return true;
    }

private:
    // One call of a routine: counts, then waits a little (waking on close).
    bool count(falcogen::ThreadPool& pool) {
        ++running_;
        const uint64_t n = ++calls_;
        metrics().routine_calls.add(1);
        std::this_thread::yield();
        --running_;
        if (config_.mode == "throw_routine" && n >= 3) throw falcogen::Error("routine failed on purpose");
        if (config_.mode == "self_stop" && n >= 5) return false;
        return pool.wait_for(std::chrono::microseconds(200));
    }

    const Config& config_;
    falcogen::ThreadPool* pool_ = nullptr;
    std::atomic<uint64_t> calls_{0};
    std::atomic<int64_t> running_{0};
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger&) {
    return std::make_unique<ListenxPlugin>(config);
}

}  // namespace listenx
