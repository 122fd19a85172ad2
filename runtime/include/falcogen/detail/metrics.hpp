// plugin_get_metrics: the generated spec names the metrics and reads the
// author's Metrics into the fixed array of the plugin state (no allocation
// per call); read_metric sets the API's value and value type by C++ type.
#pragma once

#include <cstdint>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/roots.hpp"
#include "falcogen/metrics.hpp"

namespace falcogen::detail {

struct MetricSpec {
    const char* name;  // as the API wants it: the host prefixes "<plugin>."
    ss_plugin_metric_type type;
};

struct MetricsSpec {
    const MetricSpec* list;
    uint32_t count;
    // Reads the author's Metrics into out[0 .. count); lock-free, never throws.
    void (*read)(const PluginRoot& plugin, ss_plugin_metric* out);
};

inline void read_metric(const Metric<uint64_t>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_U64;
    out.value.u64 = m.get();
}
inline void read_metric(const Metric<uint32_t>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_U32;
    out.value.u32 = m.get();
}
inline void read_metric(const Metric<int64_t>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_S64;
    out.value.s64 = m.get();
}
inline void read_metric(const Metric<int32_t>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_S32;
    out.value.s32 = m.get();
}
inline void read_metric(const Metric<double>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_D;
    out.value.d = m.get();
}
inline void read_metric(const Metric<float>& m, ss_plugin_metric& out) noexcept {
    out.value_type = SS_PLUGIN_METRIC_VALUE_TYPE_F;
    out.value.f = m.get();
}

}  // namespace falcogen::detail
