// The generated plugin's whole author code: one parse method.
#include "plugin.gen.hpp"

namespace bstate {

class Plugin final : public PluginBase {
public:
    void parse(const Event& event) override {
        if (auto thread = tables().threads.get(event.tid())) thread->set_bench_count(thread->bench_count() + 1);
    }
};

std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}

}  // namespace bstate
