// ErrorSlot: where the exports keep the text plugin_get_last_error returns.
#pragma once

#include <mutex>
#include <string>

namespace falcogen::detail {

// The text plugin_get_last_error returns. The API lets next_batch run on
// several instances at once, so the message is guarded by a mutex, and
// c_str() hands each thread its own copy: the pointer stays valid until that
// thread's next c_str() call, whatever other threads record meanwhile
// (docs/threads.md).
class ErrorSlot {
public:
    void set(const std::string& message) noexcept {
        std::lock_guard<std::mutex> lock(mutex_);
        try {
            message_ = message;
        } catch (...) {
            message_.clear();  // out of memory: an empty message beats a crash
        }
    }
    const char* c_str() const noexcept {
        thread_local std::string copy;
        std::lock_guard<std::mutex> lock(mutex_);
        try {
            copy = message_;
        } catch (...) {
            copy.clear();
        }
        return copy.c_str();
    }

private:
    mutable std::mutex mutex_;
    std::string message_;
};

}  // namespace falcogen::detail
