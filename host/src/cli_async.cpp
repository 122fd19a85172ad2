#include "cli_async.hpp"

#include <cstdio>

namespace falcogen::host::cli {

AsyncFeed::AsyncFeed(const std::vector<std::unique_ptr<Host>>& hosts) {
    for (const auto& h : hosts) {
        if (!h->has(CAP_ASYNC)) continue;
        h->start_async([this, source = async_source(*h)](const AsyncEvent& ae) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                queue_.push_back(ae);
                queue_.back().event.set_source(source);
            }
            cv_.notify_one();
        });
        started_.push_back(h.get());
    }
}

AsyncFeed::~AsyncFeed() {
    try {
        stop();
    } catch (...) {
        // the run's error, if any, is the one to report
    }
}

std::vector<AsyncEvent> AsyncFeed::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<AsyncEvent> out(queue_.begin(), queue_.end());
    queue_.clear();
    return out;
}

void AsyncFeed::wait(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_for(lock, timeout, [this] { return !queue_.empty(); });
}

void AsyncFeed::stop() {
    std::vector<Host*> hosts;
    hosts.swap(started_);
    for (Host* h : hosts) h->stop_async();
}

std::string async_info(const char* kind, const AsyncEvent& ae) {
    std::string out = std::string(kind) + " " + ae.name + " ";
    const ByteSpan data = ae.data();
    const size_t shown = data.size < 200 ? data.size : 200;
    for (size_t i = 0; i < shown; ++i) {
        const uint8_t c = data.data[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += static_cast<char>(c);
        } else {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    if (shown < data.size) out += "... (" + std::to_string(data.size) + " bytes)";
    return out;
}

std::string async_source(const Host& h) {
    if (!h.events_source_name().empty()) return h.events_source_name();
    if (!h.async_event_sources().empty()) return *h.async_event_sources().begin();
    return "syscall";
}

}  // namespace falcogen::host::cli
