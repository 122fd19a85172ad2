// A metric of the plugin (manifest: metrics): a lock-free counter or gauge
// that the author bumps from any thread while the host reads it
// (plugin_get_metrics). The generated Metrics struct has one per metric,
// reached from PluginBase::metrics().
#pragma once

#include <atomic>
#include <type_traits>

namespace falcogen {

template <typename T>
class Metric {
    static_assert(std::is_arithmetic_v<T>, "a metric is a number");

public:
    Metric() = default;
    Metric(const Metric&) = delete;
    Metric& operator=(const Metric&) = delete;

    // Adds `delta` (relaxed: metrics order nothing). Integers wrap as unsigned arithmetic does.
    void add(T delta) noexcept {
        if constexpr (std::is_integral_v<T>) {
            value_.fetch_add(delta, std::memory_order_relaxed);
        } else {
            T old = value_.load(std::memory_order_relaxed);
            while (!value_.compare_exchange_weak(old, old + delta, std::memory_order_relaxed)) {
            }
        }
    }
    void set(T value) noexcept { value_.store(value, std::memory_order_relaxed); }
    T get() const noexcept { return value_.load(std::memory_order_relaxed); }

    Metric& operator+=(T delta) noexcept {
        add(delta);
        return *this;
    }
    Metric& operator++() noexcept {
        add(T(1));
        return *this;
    }
    Metric& operator=(T value) noexcept {
        set(value);
        return *this;
    }

private:
    std::atomic<T> value_{T(0)};
};

}  // namespace falcogen
