// The authlog plugin: reads an authentication log, one event per line.
//
// Line format (whitespace-separated; '#' starts a comment line):
//   <RFC 3339 UTC time> login <user> <IPv4> success|failure
//   <RFC 3339 UTC time> sudo  <user> <IPv4> <command line...>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "plugin.gen.hpp"

namespace authlog {

namespace {

// Splits off the next whitespace-separated word of `rest`.
std::string_view next_word(std::string_view& rest) {
    const size_t start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(start);
    const size_t end = rest.find_first_of(" \t");
    std::string_view word = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    return word;
}

// "2026-03-01T10:00:00Z" -> ns since the epoch; false when malformed.
bool parse_time(std::string_view text, uint64_t& ns) {
    if (text.size() != 20 || text[19] != 'Z') return false;
    char buf[21];
    std::memcpy(buf, text.data(), 20);
    buf[20] = 0;
    int year, month, day, hour, minute, second;
    if (std::sscanf(buf, "%4d-%2d-%2dT%2d:%2d:%2dZ", &year, &month, &day, &hour, &minute, &second) != 6) return false;
    falcogen::AbsTime time;
    if (!falcogen::utc_time(year, month, day, hour, minute, second, 0, time)) return false;
    ns = time.ns;
    return true;
}

class LogCapture final : public InstanceBase {
public:
    explicit LogCapture(std::string path) : path_(std::move(path)), file_(path_) {
        if (!file_) throw falcogen::Error("cannot open '" + path_ + "': " + std::strerror(errno));
        std::error_code error;
        if (std::filesystem::is_directory(path_, error)) {
            throw falcogen::Error("cannot read '" + path_ + "': it is a directory");
        }
        const auto size = std::filesystem::file_size(path_, error);
        size_ = error ? 0 : static_cast<uint64_t>(size);
    }

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        const Config& config = this->config();  // read once per batch, not per line
        while (batch.size() < static_cast<uint64_t>(config.batch_size) && std::getline(file_, line_)) {
            ++line_number_;
            consumed_ += line_.size() + 1;
            if (!add_line(batch)) {
                const std::string where = path_ + ":" + std::to_string(line_number_);
                if (!config.skip_malformed) throw falcogen::Error(where + ": " + error_);
                plugin().log().warning("skipping " + where + ": " + error_);
            }
        }
        if (file_.bad()) throw falcogen::Error("error reading '" + path_ + "': " + std::strerror(errno));
        return file_.eof() ? falcogen::NextResult::eof : falcogen::NextResult::ok;
    }

    double progress(std::string& text) override {
        text = std::to_string(line_number_) + " lines read";
        return size_ == 0 ? 1.0 : static_cast<double>(consumed_) / static_cast<double>(size_);
    }

private:
    // Adds the event of line_; false (with error_ set) when it does not parse.
    bool add_line(falcogen::EventBatch& batch) {
        std::string_view rest(line_);
        const std::string_view time_text = next_word(rest);
        if (time_text.empty() || time_text[0] == '#') return true;  // blank or comment
        uint64_t time = 0;
        if (!parse_time(time_text, time)) return fail("bad time '" + std::string(time_text) + "'");
        const std::string_view kind = next_word(rest);
        const std::string_view user = next_word(rest);
        const std::string_view address_text = next_word(rest);
        falcogen::Ipv4 address;
        if (!falcogen::try_parse_ipv4(address_text, address))
            return fail("bad IPv4 address '" + std::string(address_text) + "'");
        const size_t detail_start = rest.find_first_not_of(" \t");
        const std::string_view detail = detail_start == std::string_view::npos ? "" : rest.substr(detail_start);
        if (kind == "login") {
            if (detail != "success" && detail != "failure") return fail("login result must be success or failure");
            batch.add(Login{time, user, address, detail == "success"}, time);
        } else if (kind == "sudo") {
            if (detail.empty()) return fail("sudo without a command");
            batch.add(Sudo{time, user, address, detail}, time);
        } else {
            return fail("unknown event '" + std::string(kind) + "' (expected login or sudo)");
        }
        return true;
    }

    bool fail(std::string message) {
        error_ = std::move(message);
        return false;
    }

    const std::string path_;
    std::ifstream file_;
    std::string line_;
    std::string error_;
    uint64_t line_number_ = 0;
    uint64_t consumed_ = 0;
    uint64_t size_ = 0;
};

class AuthlogPlugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(const OpenParams& path) override { return std::make_unique<LogCapture>(path); }

    // authlog.args: the words of a sudo command; with an index, only that word.
    bool extract_authlog_args(const Sudo& sudo, const falcogen::FieldArg& arg, std::vector<std::string>& out) override {
        std::string_view rest = sudo.command;
        uint64_t index = 0;
        for (std::string_view word = next_word(rest); !word.empty(); word = next_word(rest), ++index) {
            if (!arg.present || index == arg.index) out.emplace_back(word);
        }
        return !out.empty();
    }

    // authlog.suspicious: a failed login, or sudo running something fetched
    // from the network through a shell.
    bool extract_authlog_suspicious(const Event& event, bool& out) override {
        if (const Login* login = event.as_login()) {
            out = !login->success;
            return true;
        }
        if (const Sudo* sudo = event.as_sudo()) {
            const bool fetches = sudo->command.find("curl ") != std::string_view::npos ||
                                 sudo->command.find("wget ") != std::string_view::npos;
            const bool runs = sudo->command.find("| sh") != std::string_view::npos ||
                              sudo->command.find("| bash") != std::string_view::npos;
            out = fetches && runs;
            return true;
        }
        return false;
    }
};

}  // namespace

FALCOGEN_PLUGIN(AuthlogPlugin)

}  // namespace authlog
