// examples/syscalls: every field but one is bound to a kernel event parameter
// in plugin.yaml; this file computes the one that needs two typed views.
#include "plugin.gen.hpp"

namespace syscalls {
namespace {

// The path an open (or openat) succeeded on, when it is absolute: a relative
// path depends on the working directory or on dirfd, which the event alone
// does not tell.
template <typename View>
bool opened_path(const View& open, std::string& out) {
    const std::optional<int64_t> fd = open.fd();
    const std::optional<std::string_view> name = open.name();
    if (!fd || *fd < 0 || !name || name->empty() || name->front() != '/') return false;
    out.assign(name->data(), name->size());
    return true;
}

class Plugin final : public PluginBase {
public:
    bool extract_sc_opened(const Event& event, std::string& out) override {
        if (const auto openat = event.as_openat_x()) return opened_path(*openat, out);
        if (const auto open = event.as_open_x()) return opened_path(*open, out);
        return false;
    }
};

}  // namespace

FALCOGEN_PLUGIN(Plugin)

}  // namespace syscalls
