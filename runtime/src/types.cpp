#include "falcogen/types.hpp"

#include <array>
#include <cstring>

#include "falcogen/error.hpp"
#include "inet.hpp"

namespace falcogen {

bool ByteView::operator==(const ByteView& o) const {
    return size == o.size && (size == 0 || std::memcmp(data, o.data, size) == 0);
}

namespace {

// inet_pton over a string_view (it reads a NUL-terminated string): whether
// `text` is an address of `family`, written to `out` only then.
template <size_t kSize>
bool parse_address(int family, std::string_view text, std::array<uint8_t, kSize>& out) {
    char buf[INET6_ADDRSTRLEN];
    if (text.size() >= sizeof buf) return false;
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = 0;
    std::array<uint8_t, kSize> bytes;
    if (inet_pton(family, buf, bytes.data()) != 1) return false;
    out = bytes;
    return true;
}

}  // namespace

bool try_parse_ipv4(std::string_view text, Ipv4& out) {
    return parse_address(AF_INET, text, out.bytes);
}

bool try_parse_ipv6(std::string_view text, Ipv6& out) {
    return parse_address(AF_INET6, text, out.bytes);
}

Ipv4 parse_ipv4(const std::string& text) {
    Ipv4 v;
    if (!try_parse_ipv4(text, v)) throw Error("not an IPv4 address: '" + text + "'");
    return v;
}

Ipv6 parse_ipv6(const std::string& text) {
    Ipv6 v;
    if (!try_parse_ipv6(text, v)) throw Error("not an IPv6 address: '" + text + "'");
    return v;
}

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

bool utc_time(int year, int month, int day, int hour, int minute, int second, uint32_t nanos, AbsTime& out) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1970 || year > 2554 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59 || nanos > 999999999u) {
        return false;
    }
    if (day > kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0)) return false;
    const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const uint64_t seconds =
        static_cast<uint64_t>(days) * 86400u + static_cast<uint64_t>(hour * 3600 + minute * 60 + second);
    if (seconds > UINT64_MAX / 1000000000u - 1) return false;
    out = AbsTime{seconds * 1000000000u + nanos};
    return true;
}

}  // namespace falcogen
