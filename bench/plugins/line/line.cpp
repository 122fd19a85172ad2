// Author side of the benchline plugin: one `line` event per position n, its
// text a path of bench/raw/bench_values.h (raw_line.c emits the same).
#include <charconv>

#include "../../raw/bench_values.h"
#include "plugin.gen.hpp"

namespace benchline {

namespace {

class Capture final : public InstanceBase {
public:
    Capture(uint32_t batch_size, uint64_t total) : batch_size_(batch_size), total_(total) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        while (emitted_ < total_ && batch.size() < batch_size_) {
            const unsigned k = static_cast<unsigned>(++emitted_ % BENCH_VALUES);
            batch.add(Line{std::string_view(bench_paths[k], bench_paths_len[k])});
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
    std::unique_ptr<InstanceBase> open(std::string_view params) override {
        uint64_t count = 0;
        const auto [end, ec] = std::from_chars(params.data(), params.data() + params.size(), count);
        if (ec != std::errc() || end != params.data() + params.size()) throw falcogen::Error("open params: a count");
        return std::make_unique<Capture>(static_cast<uint32_t>(config().batch_size), count);
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace benchline
