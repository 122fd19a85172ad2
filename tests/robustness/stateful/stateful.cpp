#include <charconv>

#include "plugin.gen.hpp"

namespace stateful {
namespace {

class Capture final : public InstanceBase {
public:
    explicit Capture(uint64_t total) : total_(total) {}

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        while (emitted_ < total_ && batch.size() < 32) batch.add(Tick{++emitted_});
        return emitted_ < total_ ? falcogen::NextResult::ok : falcogen::NextResult::eof;
    }

private:
    const uint64_t total_;
    uint64_t emitted_ = 0;
};

class Plugin final : public PluginBase {
public:
    std::unique_ptr<InstanceBase> open(std::string_view params) override {
        uint64_t total = 0;
        std::from_chars(params.data(), params.data() + params.size(), total);
        return std::make_unique<Capture>(total);
    }

    void parse(const Event& event) override {
        const Tick* tick = event.as_tick();
        if (tick == nullptr) return;
        StatefulCountsEntry& entry = tables().stateful_counts.get_or_add(tick->n % 8);
        entry.seen += 1;
        entry.last = tick->n;
    }
};

}  // namespace

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace stateful
