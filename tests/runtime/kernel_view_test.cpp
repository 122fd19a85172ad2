// Typed views of kernel events: read_param for every C++ type a view
// returns (kernel_events.PARAM_TYPES), with wrong sizes and missing NULs;
// and a view (written here as the generator writes one) over events with
// fewer parameters than the table, another type, or a truncated event.
#include <doctest/doctest.h>

#include <falcogen/kernel_view.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "scap_bytes.hpp"

namespace {

using falcogen::ByteView;
using falcogen::read_param;

template <typename T>
std::string bytes_of(T v) {
    return std::string(reinterpret_cast<const char*>(&v), sizeof(v));
}
ByteView view(const std::string& s) {
    return ByteView(s.data(), s.size());
}

// Reads `v`'s bytes back as T, and checks that one byte less or more is refused.
template <typename T>
void round_trip(T v) {
    const std::string b = bytes_of(v);
    T out{};
    CHECK(read_param(view(b), out));
    CHECK(std::memcmp(&out, &v, sizeof(T)) == 0);
    T untouched{};
    CHECK_FALSE(read_param(ByteView(b.data(), b.size() - 1), untouched));
    CHECK_FALSE(read_param(view(b + "x"), untouched));
    CHECK_FALSE(read_param(ByteView(), untouched));
}

}  // namespace

TEST_CASE("read_param: integers and double, exactly their size") {
    round_trip<int8_t>(-5);
    round_trip<int16_t>(-300);
    round_trip<int32_t>(-70000);
    round_trip<int64_t>(-1);
    round_trip<uint8_t>(200);
    round_trip<uint16_t>(65000);
    round_trip<uint32_t>(0x80000001u);
    round_trip<uint64_t>(UINT64_MAX - 1);
    round_trip<double>(2.5);
}

TEST_CASE("read_param: PT_BOOL is 4 bytes, nonzero is true") {
    bool b = true;
    CHECK(read_param(view(bytes_of<uint32_t>(0)), b));
    CHECK_FALSE(b);
    CHECK(read_param(view(bytes_of<uint32_t>(2)), b));
    CHECK(b);
    CHECK_FALSE(read_param(view(std::string(1, '\1')), b));
    CHECK_FALSE(read_param(view(bytes_of<uint64_t>(1)), b));
}

TEST_CASE("read_param: times and addresses") {
    falcogen::AbsTime at;
    CHECK(read_param(view(bytes_of<uint64_t>(1700000000000000000ull)), at));
    CHECK(at.ns == 1700000000000000000ull);
    CHECK_FALSE(read_param(view(bytes_of<uint32_t>(1)), at));
    falcogen::RelTime rt;
    CHECK(read_param(view(bytes_of<uint64_t>(42)), rt));
    CHECK(rt.ns == 42u);
    CHECK_FALSE(read_param(view("1234567"), rt));
    falcogen::Ipv4 v4;
    CHECK(read_param(view(std::string("\x7f\0\0\x01", 4)), v4));  // network order, as written
    CHECK(v4 == falcogen::parse_ipv4("127.0.0.1"));
    CHECK_FALSE(read_param(view("abc"), v4));
    falcogen::Ipv6 v6;
    const std::string loopback = std::string(15, '\0') + '\1';
    CHECK(read_param(view(loopback), v6));
    CHECK(v6 == falcogen::parse_ipv6("::1"));
    CHECK_FALSE(read_param(view(loopback + '\0'), v6));
}

TEST_CASE("read_param: strings end at their NUL, which is required") {
    std::string_view s = "unchanged";
    const std::string path("/etc/passwd\0", 12);
    CHECK(read_param(view(path), s));
    CHECK(s == "/etc/passwd");
    CHECK(s.data()[s.size()] == '\0');  // fields hand the host s.data()
    const std::string two("a\0b\0", 4);
    CHECK(read_param(view(two), s));
    CHECK(s == "a");
    CHECK(read_param(ByteView(), s));  // an empty parameter: the empty string
    CHECK(s.empty());
    CHECK(s.data() != nullptr);
    CHECK(s.data()[0] == '\0');
    s = "unchanged";
    CHECK_FALSE(read_param(view("no nul"), s));
    CHECK(s == "unchanged");
}

TEST_CASE("read_param: other parameters are their bytes") {
    const std::string raw("\x02\x7f\0\0\x01", 5);
    ByteView out;
    CHECK(read_param(view(raw), out));
    CHECK(out.data == reinterpret_cast<const uint8_t*>(raw.data()));
    CHECK(out.size == 5u);
}

namespace {

// As the generator writes the view of openat's exit (code 307).
struct OpenatX : falcogen::KernelView {
    static constexpr uint16_t kCode = 307;
    using KernelView::KernelView;
    std::optional<int64_t> fd() const { return param<int64_t>(0); }
    std::optional<int64_t> dirfd() const { return param<int64_t>(1); }
    std::optional<std::string_view> name() const { return param<std::string_view>(2); }
    std::optional<uint32_t> flags() const { return param<uint32_t>(3); }
    std::optional<uint64_t> ino() const { return param<uint64_t>(6); }
};

std::vector<uint8_t> make_event(uint16_t type, const std::vector<std::string>& params, uint32_t len_fix = 0) {
    return testing_events::scap_bytes(type, params, 2, len_fix);
}

falcogen::ScapEvent parsed(const std::vector<uint8_t>& bytes) {
    falcogen::ScapEvent evt;
    evt.parse(reinterpret_cast<const ss_plugin_event*>(bytes.data()));
    return evt;
}

}  // namespace

TEST_CASE("a typed view reads its event's parameters, absent when missing or malformed") {
    const auto bytes = make_event(307, {bytes_of<int64_t>(3), bytes_of<int64_t>(-100), std::string("/tmp/x\0", 7),
                                        bytes_of<uint32_t>(0x241), "bad size"});
    const falcogen::ScapEvent evt = parsed(bytes);
    const auto open = falcogen::view_of<OpenatX>(evt);
    REQUIRE(open.has_value());
    CHECK(open->fd() == 3);
    CHECK(open->dirfd() == -100);
    CHECK(open->name() == std::string_view("/tmp/x"));
    CHECK(open->flags() == 0x241u);
    CHECK_FALSE(open->ino().has_value());  // parameter 6: an older driver wrote 5
    CHECK(&open->scap() == &evt);
}

TEST_CASE("a typed view is only for its event code, and never for a malformed event") {
    const std::vector<std::string> params = {bytes_of<int64_t>(3)};
    const auto enter = make_event(306, params), exit = make_event(307, params), cut = make_event(307, params, 1);
    const falcogen::ScapEvent enter_evt = parsed(enter), exit_evt = parsed(exit), cut_evt = parsed(cut);
    CHECK_FALSE(falcogen::view_of<OpenatX>(enter_evt).has_value());
    CHECK(falcogen::view_of<OpenatX>(exit_evt).has_value());
    CHECK_FALSE(falcogen::view_of<OpenatX>(cut_evt).has_value());  // truncated
    const auto none = make_event(307, {});
    const falcogen::ScapEvent none_evt = parsed(none);
    const auto empty = falcogen::view_of<OpenatX>(none_evt);
    REQUIRE(empty.has_value());  // no parameters at all: every accessor is absent
    CHECK_FALSE(empty->fd().has_value());
    CHECK_FALSE(empty->name().has_value());
    const auto wrong = make_event(307, {"short", bytes_of<int64_t>(1), "no nul"});
    const falcogen::ScapEvent wrong_evt = parsed(wrong);
    const auto w = falcogen::view_of<OpenatX>(wrong_evt);
    REQUIRE(w.has_value());
    CHECK_FALSE(w->fd().has_value());
    CHECK(w->dirfd() == 1);
    CHECK_FALSE(w->name().has_value());
}
