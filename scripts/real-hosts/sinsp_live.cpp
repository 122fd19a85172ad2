// sinsp-live: libsinsp's own loop over one plugin with the nodriver engine (a
// live capture without a kernel driver, as Falco's `engine.kind: nodriver`),
// so that async plugins without a source run in real libsinsp: sinsp-example
// has no nodriver engine, and in a capture replay libsinsp never sets the
// async handler. Prints each async event with the fields asked for, then the
// plugin's metrics as libsinsp's metrics collector (Falco's) reads them.
// With DUMP.scap, every event is also written to a capture file by libsinsp's
// dumper, which first asks async plugins for plugin_dump_state.
// Built against a libs build by scripts/real-hosts-check.sh; not part of
// falcogen's build. -DSINSP_LIVE_LIBS_0_11 builds it against libs 0.11.3
// (plugin API 3.0: no metrics).
//
//   sinsp-live PLUGIN.so INIT_CONFIG SECONDS "%evt.num %evt.type %x.field ..." [DUMP.scap]
// clang-format off
#ifdef SINSP_LIVE_LIBS_0_11
#include <sinsp.h>
#include <dumper.h>
#else
#include <libsinsp/sinsp.h>  // first: dumper.h needs its macros
#include <libsinsp/dumper.h>
#include <libsinsp/metrics_collector.h>
#endif
// clang-format on

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

#ifndef SINSP_LIVE_LIBS_0_11
void print_metrics(sinsp& inspector) {
    libs::metrics::libs_metrics_collector collector(&inspector, METRICS_V2_PLUGINS);
    collector.snapshot();
    for (const auto& m : collector.get_metrics()) {
        if (!(m.flags & METRICS_V2_PLUGINS)) continue;
        std::printf("metric %s = %llu (type %d)\n", m.name, static_cast<unsigned long long>(m.value.u64),
                    static_cast<int>(m.type));
    }
}
#endif

int run(char** argv, const char* dump_path) {
    sinsp inspector;
    auto plugin = inspector.register_plugin(argv[1]);
    std::string err;
    if (!plugin->init(argv[2], err)) {
        std::fprintf(stderr, "sinsp-live: init failed: %s\n", err.c_str());
        return 1;
    }
#ifdef SINSP_LIVE_LIBS_0_11
    if (plugin->caps() & CAP_EXTRACTION) g_filterlist.add_filter_check(sinsp_plugin::new_filtercheck(plugin));
    sinsp_evt_formatter formatter(&inspector, argv[4]);
#else
    sinsp_filter_check_list checks;
    if (plugin->caps() & CAP_EXTRACTION) checks.add_filter_check(sinsp_plugin::new_filtercheck(plugin));
    sinsp_evt_formatter formatter(&inspector, argv[4], checks);
#endif
    inspector.open_nodriver();
    auto dumper = std::make_unique<sinsp_dumper>();
    if (dump_path != nullptr) dumper->open(&inspector, dump_path, false);
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoi(argv[3]));
    uint64_t async = 0;
    while (std::chrono::steady_clock::now() < end) {
        sinsp_evt* evt = nullptr;
        const int32_t rc = inspector.next(&evt);
        if (rc == SCAP_TIMEOUT || rc == SCAP_FILTERED_EVENT) continue;
        if (rc != SCAP_SUCCESS) {
            std::fprintf(stderr, "sinsp-live: next: %s\n", inspector.getlasterr().c_str());
            return 1;
        }
        if (dump_path != nullptr) dumper->dump(evt);
        if (evt->get_type() != PPME_ASYNCEVENT_E) continue;
        std::string line;
        formatter.tostring(evt, line);
        std::printf("%s\n", line.c_str());
        ++async;
    }
#ifndef SINSP_LIVE_LIBS_0_11
    print_metrics(inspector);
#endif
    dumper.reset();  // closes the file
    inspector.close();
    std::printf("%llu async events\n", static_cast<unsigned long long>(async));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5 && argc != 6) {
        std::fprintf(stderr, "usage: sinsp-live PLUGIN.so INIT_CONFIG SECONDS FORMAT [DUMP.scap]\n");
        return 2;
    }
    try {
        return run(argv, argc == 6 ? argv[5] : nullptr);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sinsp-live: error: %s\n", e.what());
        return 1;
    }
}
