// falcogen-host's progress line: on a terminal (or with --progress), the
// source plugin's plugin_get_progress on one stderr line, redrawn with '\r'
// at most a few times per second and ended with a newline after the run.
#pragma once

#include <falcogen/host/host.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

namespace falcogen::host::cli {

// --progress (true), --no-progress (false), else whether stderr is a terminal.
bool progress_wanted(std::optional<bool> forced);

// "progress: 45.00% 450/1000 lines": the percentage, then the plugin's text if any.
std::string progress_text(const Progress& p);

class ProgressLine {
public:
    // Draws nothing unless `enabled` and the instance reports progress.
    ProgressLine(Instance& inst, bool enabled, std::FILE* out = stderr,
                 std::chrono::milliseconds period = std::chrono::milliseconds(250));
    ~ProgressLine();  // erases the line if it is still shown (an error ends the run)
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // Asks the plugin again once `period` has passed since the last time, and
    // (re)draws the line if it changed or was hidden.
    void update();
    // Erases the line before other output on the same terminal: events
    // printed on stdout when stdout is a terminal too.
    void make_room();
    void hide();
    // The final state, then a newline: the line stays as the run left it.
    void finish();

private:
    void draw(const std::string& text);

    Instance& inst_;
    const bool enabled_;
    std::FILE* out_;
    const std::chrono::milliseconds period_;
    std::chrono::steady_clock::time_point last_{};
    bool asked_ = false;
    const bool stdout_tty_;
    std::string text_;  // the last text fetched
    std::string drawn_;  // the text on the line now, "" when hidden
};

}  // namespace falcogen::host::cli
