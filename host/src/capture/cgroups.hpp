// libsinsp's reading of a thread's cgroups ("subsys=/path" strings, from the
// capture's process list or a clone/execve event), as set_cgroups does it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace falcogen::host::capture_detail {

using Cgroups = std::vector<std::pair<std::string, std::string>>;

// The (subsystem, path) pairs, with libsinsp's renames ("cpu_cgroup" ->
// "cpu", "perf" -> "perf_event", "mem" -> "memory", cgroup v2's "io" ->
// "blkio"); false when a string has no '=': libsinsp then keeps the old ones.
inline bool parse_cgroups(const std::vector<std::string>& defs, Cgroups& out) {
    Cgroups parsed;
    for (const auto& def : defs) {
        const size_t eq = def.find('=');
        if (eq == std::string::npos) return false;
        std::string subsys = def.substr(0, eq);
        const size_t suffix = subsys.find("_cgroup");
        if (suffix != std::string::npos) subsys.erase(suffix, 7);
        if (subsys == "perf") subsys = "perf_event";
        if (subsys == "mem") subsys = "memory";
        if (subsys == "io") subsys = "blkio";
        parsed.emplace_back(std::move(subsys), def.substr(eq + 1));
    }
    out = std::move(parsed);
    return true;
}

}  // namespace falcogen::host::capture_detail
