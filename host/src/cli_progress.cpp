#include "cli_progress.hpp"

#include "platform/platform.hpp"

namespace falcogen::host::cli {

bool progress_wanted(std::optional<bool> forced) {
    if (forced) return *forced;
    return platform::is_terminal(stderr);
}

std::string progress_text(const Progress& p) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%u.%02u%%", p.pct / 100, p.pct % 100);
    std::string out = std::string("progress: ") + pct;
    if (!p.text.empty()) out += " " + p.text;
    return out;
}

ProgressLine::ProgressLine(Instance& inst, bool enabled, std::FILE* out, std::chrono::milliseconds period)
    : inst_(inst), enabled_(enabled), out_(out), period_(period), stdout_tty_(platform::is_terminal(stdout)) {}

ProgressLine::~ProgressLine() {
    hide();
}

void ProgressLine::update() {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!asked_ || now - last_ >= period_) {
        const Progress p = inst_.progress();
        asked_ = true;
        last_ = now;
        if (!p.supported) return;
        text_ = progress_text(p);
    }
    if (!text_.empty()) draw(text_);
}

void ProgressLine::make_room() {
    if (stdout_tty_) hide();
}

void ProgressLine::hide() {
    if (drawn_.empty()) return;
    std::fprintf(out_, "\r%*s\r", static_cast<int>(drawn_.size()), "");
    std::fflush(out_);
    drawn_.clear();
}

void ProgressLine::finish() {
    if (!enabled_) return;
    asked_ = false;  // the last state, however recently the previous one was fetched
    update();
    if (drawn_.empty()) return;
    std::fputc('\n', out_);
    std::fflush(out_);
    drawn_.clear();
}

// "\r" + the text, padded with spaces over a longer previous text.
void ProgressLine::draw(const std::string& text) {
    if (text == drawn_) return;
    std::string line = "\r" + text;
    if (drawn_.size() > text.size()) line.append(drawn_.size() - text.size(), ' ');
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
    drawn_ = text;
}

}  // namespace falcogen::host::cli
