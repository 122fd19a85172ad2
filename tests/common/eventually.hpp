// Waiting for what a plugin's own threads do (async producers, routines),
// and reading the host's log: helpers of the end-to-end tests.
#pragma once

#include <falcogen/host/host.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace testing_wait {

// Polls until `done` holds; false after 30 s. A hang guard, not a timing
// assertion: a loaded machine only makes the wait longer.
template <typename Done>
bool eventually(Done done) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// Whether the plugin logged a message containing `text`.
inline bool logged(const falcogen::host::Host& host, const std::string& text) {
    for (const auto& m : host.logs()) {
        if (m.message.find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace testing_wait
