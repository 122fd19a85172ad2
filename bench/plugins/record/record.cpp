// Author side of the benchrecord plugin: emits `record` events whose values
// are a function of the event's position (bench/raw/bench_values.h, shared
// with the hand-written plugin so both do the same work).
#include <charconv>

#include "../../raw/bench_values.h"
#include "plugin.gen.hpp"

namespace benchrecord {

namespace {

uint64_t parse_count(std::string_view params) {
    uint64_t count = 0;
    auto [end, ec] = std::from_chars(params.data(), params.data() + params.size(), count);
    if (ec != std::errc() || end != params.data() + params.size()) throw falcogen::Error("open params: a count");
    return count;
}

class Capture final : public InstanceBase {
public:
    Capture(const Config& config, uint64_t total)
        : batch_size_(static_cast<uint32_t>(config.batch_size)), total_(total) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        while (emitted_ < total_ && batch.size() < batch_size_) {
            const uint64_t n = ++emitted_;
            const unsigned k = static_cast<unsigned>(n % BENCH_VALUES);
            Record r;
            r.id = n;
            r.pid = bench_pid(n);
            r.port = bench_port(n);
            r.delta = bench_delta(n);
            r.user = std::string_view(bench_users[k], bench_users_len[k]);
            r.path = std::string_view(bench_paths[k], bench_paths_len[k]);
            r.bytes = bench_bytes(n);
            r.command = std::string_view(bench_commands[k], bench_commands_len[k]);
            batch.add(r);
        }
        return emitted_ < total_ ? falcogen::NextResult::ok : falcogen::NextResult::eof;
    }

private:
    const uint32_t batch_size_;
    const uint64_t total_;
    uint64_t emitted_ = 0;
};

class Plugin final : public PluginBase {
public:
    explicit Plugin(const Config& config) : config_(config) {}
    std::unique_ptr<InstanceBase> open(std::string_view params) override {
        return std::make_unique<Capture>(config_, parse_count(params));
    }

    // rec.total: bytes + pid.
    bool extract_rec_total(const Event& event, uint64_t& out) override {
        const Record* r = event.as_record();
        if (r == nullptr) return false;
        out = r->bytes + r->pid;
        return true;
    }

private:
    const Config& config_;
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace benchrecord
