// Metrics (API 3.6) and set_config (API 3.4) through the host: the values
// after events, counters bumped from two threads while get_metrics runs, and
// config changes accepted or refused with the old config kept.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <dlfcn.h>
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <falcogen/host/host.hpp>
#include <map>

using falcogen::host::Host;
using falcogen::host::Metric;

namespace {

std::map<std::string, Metric> metrics_of(Host& host) {
    std::map<std::string, Metric> out;
    for (auto& m : host.metrics()) out[m.name] = m;
    return out;
}

size_t events_of_capture(Host& host) {
    return host.open("")->read_all().size();
}

// The plugin's own plugin_set_config, past the host's schema check: the plugin defends itself.
ss_plugin_rc raw_set_config(Host& host, const char* text) {
    void* so = dlopen(METERX_PLUGIN, RTLD_NOW | RTLD_NOLOAD);
    REQUIRE(so != nullptr);
    auto fn = reinterpret_cast<ss_plugin_rc (*)(ss_plugin_t*, const ss_plugin_set_config_input*)>(
        dlsym(so, "plugin_set_config"));
    dlclose(so);
    REQUIRE(static_cast<bool>(fn));
    ss_plugin_set_config_input in{text};
    return fn(host.state(), &in);
}

// `falcogen run` (falcogen-host) with `args`: its stdout and stderr together, and the exit code.
std::pair<std::string, int> run_host(const std::string& args) {
    const std::string cmd = std::string(FALCOGEN_HOST_BIN) + " " + METERX_PLUGIN + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    return {out, WEXITSTATUS(pclose(p))};
}

}  // namespace

TEST_CASE("falcogen run --metrics --set-config") {
    auto [out, rc] = run_host(R"(--config '{"count": 2}' --set-config '{"count": 3}' --metrics)");
    CHECK(rc == 0);
    CHECK(out.find("tick n=3") != std::string::npos);  // the new count: 3 events
    CHECK(out.find("meterx.events_seen 3\nmeterx.bumps 200000\nmeterx.reloads 1\nmeterx.load 3\n") !=
          std::string::npos);
    std::tie(out, rc) = run_host(R"(--config '{"count": 2}' --set-config '{"label": "refused"}' --metrics)");
    CHECK(rc == 0);
    CHECK(out.find("falcogen run: set_config refused, the old config stays: error in plugin meterx: set_config "
                   "failed: plugin_set_config: label 'refused' is refused") != std::string::npos);
    CHECK(out.find("meterx.events_seen 2\n") != std::string::npos);
    CHECK(out.find("meterx.reloads 0\n") != std::string::npos);
}

TEST_CASE("metrics: names, kinds, value types and values after events") {
    Host host(METERX_PLUGIN);
    CHECK(host.required_api_version() == "3.0.0");  // hosts before 3.6 never ask for metrics
    host.init(R"({"count": 4})");
    auto before = metrics_of(host);
    REQUIRE(before.size() == 4);
    CHECK(before["meterx.events_seen"].value_type == SS_PLUGIN_METRIC_VALUE_TYPE_U64);
    CHECK(before["meterx.events_seen"].value.u64 == 0);
    CHECK(before["meterx.bumps"].value_type == SS_PLUGIN_METRIC_VALUE_TYPE_S64);
    CHECK(before["meterx.reloads"].value_type == SS_PLUGIN_METRIC_VALUE_TYPE_U32);
    CHECK(before["meterx.load"].value_type == SS_PLUGIN_METRIC_VALUE_TYPE_D);
    CHECK(before["meterx.load"].type == SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC);
    CHECK(before["meterx.events_seen"].type == SS_PLUGIN_METRIC_TYPE_MONOTONIC);
    CHECK(before["meterx.load"].value.d == 4.0);
    CHECK(events_of_capture(host) == 4);
    auto after = metrics_of(host);
    CHECK(after["meterx.events_seen"].value.u64 == 4);
    CHECK(after["meterx.bumps"].value.s64 == 200000);  // two threads, joined at close
}

TEST_CASE("metrics: read while two threads bump them, never going back") {
    Host host(METERX_PLUGIN);
    host.init("{}");
    auto capture = host.open("");  // starts the two bumping threads
    int64_t last = 0;
    for (int i = 0; i < 200; ++i) {
        int64_t now = metrics_of(host)["meterx.bumps"].value.s64;
        CHECK(now >= last);
        last = now;
    }
    capture->close();  // joins them
    CHECK(metrics_of(host)["meterx.bumps"].value.s64 == 200000);
}

TEST_CASE("set_config: an accepted config takes effect for the next capture") {
    Host host(METERX_PLUGIN);
    host.init(R"({"count": 2})");
    CHECK(host.set_config(R"({"count": 5, "label": "next"})"));
    CHECK(events_of_capture(host) == 5);
    auto m = metrics_of(host);
    CHECK(m["meterx.reloads"].value.u32 == 1);
    CHECK(m["meterx.load"].value.d == 5.0);
}

TEST_CASE("set_config: refused configs leave the old one in force, with the error") {
    Host host(METERX_PLUGIN);
    host.init(R"({"count": 2})");
    // The plugin's own checks, past the host's schema validation.
    CHECK(raw_set_config(host, "{not json") == SS_PLUGIN_FAILURE);
    CHECK(host.last_error() == "plugin_set_config: init config: not valid JSON");
    CHECK(raw_set_config(host, R"({"count": 0})") == SS_PLUGIN_FAILURE);
    CHECK(host.last_error() == "plugin_set_config: init config: /count: value 0 is less than minimum 1");
    CHECK(raw_set_config(host, R"({"count": "many"})") == SS_PLUGIN_FAILURE);
    CHECK(host.last_error() == "plugin_set_config: init config: /count: expected an integer, got string");
    // The author's refusal.
    CHECK_THROWS_WITH_AS(host.set_config(R"({"label": "refused"})"),
                         doctest::Contains("set_config failed: plugin_set_config: label 'refused' is refused"),
                         falcogen::host::HostError);
    // The host's schema validation, as libsinsp's.
    CHECK_THROWS_AS(host.set_config(R"({"count": 1001})"), falcogen::host::HostError);
    CHECK(events_of_capture(host) == 2);
    CHECK(metrics_of(host)["meterx.reloads"].value.u32 == 0);
    CHECK(raw_set_config(host, R"({"count": 1})") == SS_PLUGIN_SUCCESS);
    CHECK(events_of_capture(host) == 1);
}
