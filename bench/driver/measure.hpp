// What both benchmark drivers measure with: CPU time of this thread, medians,
// one sample per timed run, and the JSON line of one raw/generated pair.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

inline uint64_t cpu_ns() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0.0 : (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0);
}

struct Sample {
    double rate;  // per second of CPU time
    double allocs;  // heap allocations per item, in the timed part
    uint64_t checksum;
};

inline void emit(const char* kind, const std::string& plugin, const std::string& what, uint32_t batch,
                 const std::vector<Sample>& raw, const std::vector<Sample>& gen) {
    std::vector<double> rr, gr, ra, ga;
    for (const auto& s : raw) rr.push_back(s.rate), ra.push_back(s.allocs);
    for (const auto& s : gen) gr.push_back(s.rate), ga.push_back(s.allocs);
    const double mr = median(rr), mg = median(gr);
    std::printf(
        "{\"kind\":\"%s\",\"plugin\":\"%s\",\"what\":\"%s\",\"batch\":%u,\"runs\":%zu,"
        "\"raw\":%.6g,\"gen\":%.6g,\"ratio\":%.4f,\"raw_allocs\":%.6g,\"gen_allocs\":%.6g}\n",
        kind, plugin.c_str(), what.c_str(), batch, raw.size(), mr, mg, mr > 0 ? mg / mr : 0.0,
        *std::max_element(ra.begin(), ra.end()), *std::max_element(ga.begin(), ga.end()));
    std::fflush(stdout);
}

}  // namespace bench
