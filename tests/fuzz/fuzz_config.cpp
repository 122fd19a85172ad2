// Fuzz target: arbitrary text as the init config of a generated plugin
// (tests/robustness/robust: every property type, nested objects, arrays of
// objects, patterns, enums, bounds). plugin_init must succeed, or fail with a
// message naming plugin_init; a plugin that initialized opens, reads and
// closes normally. Straight through the ABI: no host-side schema check.
#include <string>

#include "fuzz_common.hpp"

namespace {
fuzz::Plugin& plugin() {
    static fuzz::Plugin* p = new fuzz::Plugin(FUZZ_PLUGIN_PATH);
    return *p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Plugin& p = plugin();
    const std::string config(reinterpret_cast<const char*>(data), size);  // cut at a NUL by the C API
    ss_plugin_init_input in{};
    in.config = config.c_str();
    in.log_fn = &fuzz::ignore_log;
    ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
    ss_plugin_t* s = p.init(&in, &rc);
    FUZZ_CHECK(s != nullptr, "init returned no state");
    if (rc != SS_PLUGIN_SUCCESS) {
        FUZZ_CHECK(rc == SS_PLUGIN_FAILURE, "init rc %d", rc);
        const std::string error = p.get_last_error(s);
        FUZZ_CHECK(error.rfind("plugin_init: ", 0) == 0 && error.size() > 13, "init error '%s'", error.c_str());
        p.destroy(s);
        return 0;
    }
    ss_instance_t* h = p.open(s, "config", &rc);
    if (rc == SS_PLUGIN_SUCCESS) {
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        rc = p.next_batch(s, h, &n, &evts);
        FUZZ_CHECK(rc == SS_PLUGIN_EOF || rc == SS_PLUGIN_FAILURE, "next_batch rc %d", rc);
        for (uint32_t i = 0; i < n; ++i) {
            ss_plugin_event_input ei{evts[i], i + 1, "robust"};
            const char* text = p.event_to_string(s, &ei);
            if (text != nullptr) (void)std::strlen(text);
        }
    } else {
        FUZZ_CHECK(std::string(p.get_last_error(s)).rfind("plugin_open: ", 0) == 0, "open error '%s'",
                   p.get_last_error(s));
    }
    p.close(s, h);
    p.destroy(s);
    return 0;
}
