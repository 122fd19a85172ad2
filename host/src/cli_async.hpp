// falcogen-host's async events: every plugin with the async capability gets
// the host's handler for the run (as libsinsp sets it when the capture
// opens); the events its producer pushes are queued (they arrive on the
// plugin's thread) and printed by the main thread between batches.
#pragma once

#include <falcogen/host/host.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace falcogen::host::cli {

class AsyncFeed {
public:
    // Starts the async handler of each host with CAP_ASYNC; its events get
    // async_source() as their source.
    explicit AsyncFeed(const std::vector<std::unique_ptr<Host>>& hosts);
    ~AsyncFeed();  // stop() (errors ignored)
    AsyncFeed(const AsyncFeed&) = delete;
    AsyncFeed& operator=(const AsyncFeed&) = delete;

    bool active() const { return !started_.empty(); }
    // The queued events, oldest first.
    std::vector<AsyncEvent> take();
    // Waits up to `timeout` for an event to be queued.
    void wait(std::chrono::milliseconds timeout);
    // Resets every handler (each plugin joins its producer); the events
    // queued until then stay for take().
    void stop();

private:
    std::vector<Host*> started_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<AsyncEvent> queue_;
};

// "async NAME PAYLOAD" (or "state ..."): the payload as text, bytes that are
// not printable ASCII as \xNN, at most 200 bytes of it.
std::string async_info(const char* kind, const AsyncEvent& ae);
// The source an async event is shown with: the plugin's own, else the first
// source it may be injected into, else syscall.
std::string async_source(const Host& h);

}  // namespace falcogen::host::cli
