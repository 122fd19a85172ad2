#include "plugin.gen.hpp"

namespace sysx {
namespace {
class Plugin final : public PluginBase {
public:
    bool extract_sysx_type(const Event& event, uint64_t& out) override {
        if (!event.scap().valid()) return false;
        out = event.scap().type();
        return true;
    }
    // Parameter `arg.index` as text (without its trailing NUL, if any).
    bool extract_sysx_param(const Event& event, const falcogen::FieldArg& arg, std::string& out) override {
        falcogen::ByteView param;
        if (arg.index > UINT32_MAX || !event.scap().param(static_cast<uint32_t>(arg.index), param)) return false;
        size_t n = param.size;
        if (n > 0 && param.data[n - 1] == 0) --n;
        out.assign(reinterpret_cast<const char*>(param.data), n);
        return true;
    }
};
}  // namespace
std::unique_ptr<PluginBase> make_plugin(const Config&, const falcogen::Logger&) {
    return std::make_unique<Plugin>();
}
}  // namespace sysx
