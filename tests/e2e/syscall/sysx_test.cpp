// Extraction from syscall events: the computed fields get the raw event and
// read its parameters by index, bounds-checked.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstring>

using falcogen::host::Host;
using falcogen::host::HostEvent;

namespace {
// A syscall event: header, u16 parameter lengths, the parameters.
HostEvent syscall_event(uint16_t type, const std::vector<std::string>& params, uint32_t len_fix = 0) {
    size_t data = 0;
    for (const auto& p : params) data += p.size();
    std::vector<uint8_t> b(26 + 2 * params.size() + data);
    const uint64_t ts = 1, tid = 42;
    const uint32_t len = static_cast<uint32_t>(b.size()) - len_fix, nparams = static_cast<uint32_t>(params.size());
    std::memcpy(&b[0], &ts, 8);
    std::memcpy(&b[8], &tid, 8);
    std::memcpy(&b[16], &len, 4);
    std::memcpy(&b[20], &type, 2);
    std::memcpy(&b[22], &nparams, 4);
    size_t at = 26 + 2 * params.size();
    for (size_t i = 0; i < params.size(); ++i) {
        const uint16_t n = static_cast<uint16_t>(params[i].size());
        std::memcpy(&b[26 + 2 * i], &n, 2);
        std::memcpy(&b[at], params[i].data(), n);
        at += n;
    }
    if (len_fix != 0) b.resize(len);
    return HostEvent(std::move(b), 1, "syscall");
}
}  // namespace

TEST_CASE("an extract-only plugin reads syscall events parameter by parameter") {
    Host host(SYSX_PLUGIN);
    CHECK(host.extract_event_sources() == std::set<std::string>{"syscall"});
    host.init("");
    CHECK(host.extract_event_types() == std::vector<uint16_t>{5, 6});
    auto evt = syscall_event(5, {std::string("/etc/passwd\0", 12), "rw"});
    CHECK(host.extract<uint64_t>(evt, "sysx.type") == 5u);
    CHECK(host.extract<std::string>(evt, "sysx.param[0]") == "/etc/passwd");
    CHECK(host.extract<std::string>(evt, "sysx.param[1]") == "rw");
    CHECK_FALSE(host.extract<std::string>(evt, "sysx.param[2]").has_value());
}
