// Author side of the benchjson plugin: one JSON document per event
// (bench/raw/json_docs.h, shared with the hand-written plugin).
#include <charconv>

#include "../../raw/json_docs.h"
#include "plugin.gen.hpp"

namespace benchjson {

namespace {

class Capture final : public InstanceBase {
public:
    Capture(const Config& config, uint64_t total)
        : batch_size_(static_cast<uint32_t>(config.batch_size)), total_(total) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        char doc[512];
        while (emitted_ < total_ && batch.size() < batch_size_) {
            const int n = bench_json_doc(doc, sizeof doc, ++emitted_);
            batch.add_raw(doc, static_cast<size_t>(n));
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
        uint64_t count = 0;
        std::from_chars(params.data(), params.data() + params.size(), count);
        return std::make_unique<Capture>(config_, count);
    }

private:
    const Config& config_;
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace benchjson
