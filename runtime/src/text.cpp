#include "falcogen/base/text.hpp"

#include <cstdio>
#include <ctime>

namespace falcogen::text {

void append_abstime(std::string& out, uint64_t ns) {
    const time_t seconds = static_cast<time_t>(ns / 1000000000ULL);
    std::tm tm{};
    char buf[48];
    if (gmtime_r(&seconds, &tm) == nullptr) {
        append(out, ns);
        return;
    }
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09uZ", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                                static_cast<unsigned>(ns % 1000000000ULL));
    if (n > 0) out.append(buf, static_cast<size_t>(n));
}

}  // namespace falcogen::text
