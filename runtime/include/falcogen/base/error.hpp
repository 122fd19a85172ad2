// Errors: how author code reports failure, and where the ABI keeps the message.
#pragma once

#include <mutex>
#include <stdexcept>
#include <string>

namespace falcogen {

// Throw from any author callback to fail it with a message the host shows.
// Any other exception works too; this one just says "expected failure".
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The text plugin_get_last_error returns. The API lets next_batch run on
// several instances at once, so writers are serialized; the returned pointer
// stays valid until the next error is recorded (the API's rule).
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
    const char* c_str() const noexcept { return message_.c_str(); }

private:
    std::mutex mutex_;
    std::string message_;
};

}  // namespace falcogen
