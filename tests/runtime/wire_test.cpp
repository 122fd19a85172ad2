#include <doctest/doctest.h>

#include <cstdio>
#include <ctime>

#include <vector>

#include "falcogen/detail/wire.hpp"
#include "falcogen/error.hpp"
#include "falcogen/text.hpp"

using namespace falcogen;
namespace wire = falcogen::detail::wire;

TEST_CASE("every primitive round-trips through writer and reader") {
    std::vector<uint8_t> buf(256);
    uint8_t* p = buf.data();
    p = wire::put(p, uint8_t{0xab});
    p = wire::put(p, int16_t{-2});
    p = wire::put(p, uint32_t{0xdeadbeef});
    p = wire::put(p, int64_t{INT64_MIN});
    p = wire::put(p, true);
    Ipv4 v4{{10, 0, 0, 1}};
    Ipv6 v6{{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
    p = wire::put(p, v4);
    p = wire::put(p, v6);
    p = wire::put(p, std::string_view("hi"));
    p = wire::put(p, std::string_view(""));
    const uint8_t raw[] = {0, 1, 2};
    p = wire::put(p, ByteView(raw, 3));
    const size_t size = static_cast<size_t>(p - buf.data());
    CHECK(size == 1 + 2 + 4 + 8 + 1 + 4 + 16 + (4 + 3) + (4 + 1) + (4 + 3));

    wire::Reader in(buf.data(), size);
    uint8_t a;
    int16_t b;
    uint32_t c;
    int64_t d;
    bool e;
    Ipv4 f;
    Ipv6 g;
    std::string_view h, i;
    ByteView j;
    REQUIRE(in.get(a));
    REQUIRE(in.get(b));
    REQUIRE(in.get(c));
    REQUIRE(in.get(d));
    REQUIRE(in.get(e));
    REQUIRE(in.get(f));
    REQUIRE(in.get(g));
    REQUIRE(in.get(h));
    REQUIRE(in.get(i));
    REQUIRE(in.get(j));
    CHECK(a == 0xab);
    CHECK(b == -2);
    CHECK(c == 0xdeadbeef);
    CHECK(d == INT64_MIN);
    CHECK(e);
    CHECK(f == v4);
    CHECK(g == v6);
    CHECK(h == "hi");
    CHECK(h.data()[2] == '\0');  // the NUL is in the event, right after the view
    CHECK(i.empty());
    CHECK(j == ByteView(raw, 3));
    CHECK(in.remaining() == 0);
}

TEST_CASE("the reader refuses to read past its end, at every truncation point") {
    std::vector<uint8_t> buf(64);
    uint8_t* p = wire::put(buf.data(), uint64_t{7});
    p = wire::put(p, std::string_view("abc"));
    const size_t full = static_cast<size_t>(p - buf.data());
    for (size_t cut = 0; cut < full; ++cut) {
        // Copy into an exact-size heap block so a sanitizer sees any overread.
        std::vector<uint8_t> exact(buf.begin(), buf.begin() + static_cast<long>(cut));
        wire::Reader in(exact.data(), exact.size());
        uint64_t v;
        std::string_view s;
        const bool ok = in.get(v) && in.get(s);
        CHECK_FALSE(ok);
    }
}

TEST_CASE("malformed strings and bools are rejected") {
    SUBCASE("string without its NUL") {
        uint8_t buf[] = {2, 0, 0, 0, 'a', 'b'};
        wire::Reader in(buf, sizeof buf);
        std::string_view s;
        CHECK_FALSE(in.get(s));
    }
    SUBCASE("string of length 0 (the NUL is mandatory)") {
        uint8_t buf[] = {0, 0, 0, 0};
        wire::Reader in(buf, sizeof buf);
        std::string_view s;
        CHECK_FALSE(in.get(s));
    }
    SUBCASE("string length larger than the data") {
        uint8_t buf[] = {0xff, 0xff, 0xff, 0xff, 'a', 0};
        wire::Reader in(buf, sizeof buf);
        std::string_view s;
        CHECK_FALSE(in.get(s));
    }
    SUBCASE("bytes length larger than the data") {
        uint8_t buf[] = {5, 0, 0, 0, 1, 2};
        wire::Reader in(buf, sizeof buf);
        ByteView b;
        CHECK_FALSE(in.get(b));
    }
    SUBCASE("bool other than 0 or 1") {
        uint8_t buf[] = {2};
        wire::Reader in(buf, sizeof buf);
        bool b;
        CHECK_FALSE(in.get(b));
    }
}

TEST_CASE("layout header: short data and tag 0 are errors") {
    uint8_t short_buf[] = {1, 0, 1};
    wire::Reader a(short_buf, sizeof short_buf);
    wire::LayoutHeader h;
    CHECK(std::string(wire::read_layout_header(a, h)) == "truncated layout header (needs 4 bytes)");
    uint8_t zero_tag[] = {0, 0, 1, 0};
    wire::Reader b(zero_tag, sizeof zero_tag);
    CHECK(std::string(wire::read_layout_header(b, h)) == "invalid layout tag 0");
    uint8_t good[] = {7, 0, 3, 0};
    wire::Reader c(good, sizeof good);
    CHECK(wire::read_layout_header(c, h) == nullptr);
    CHECK(h.tag == 7);
    CHECK(h.member_count == 3);
}

TEST_CASE("text forms of addresses and bytes") {
    std::string out;
    text::append(out, Ipv4{{192, 168, 1, 2}});
    CHECK(out == "192.168.1.2");
    out.clear();
    text::append(out, parse_ipv6("2001:db8::1"));
    CHECK(out == "2001:db8::1");
    out.clear();
    const uint8_t raw[] = {0x00, 0xff, 0x10};
    text::append(out, ByteView(raw, 3));
    CHECK(out == "00ff10");
    CHECK_THROWS_AS(parse_ipv4("300.1.1.1"), Error);
}

TEST_CASE("times render as RFC 3339 and durations in ns") {
    std::string out;
    text::append(out, AbsTime{1772359200000000123ULL});
    CHECK(out == "2026-03-01T10:00:00.000000123Z");
    // The runtime's own calendar against the C library's, over the whole u64 range.
    uint64_t ns = 0x9e3779b97f4a7c15ULL;
    const uint64_t samples[] = {0, 86399999999999ULL, 951782400ULL * 1000000000ULL, 4107542400ULL * 1000000000ULL,
                                UINT64_MAX};
    for (int i = 0; i < 2000; ++i) {
        ns = i < 5 ? samples[i] : ns * 6364136223846793005ULL + 1442695040888963407ULL;
        const time_t seconds = static_cast<time_t>(ns / 1000000000ULL);
        std::tm tm{};
        REQUIRE(gmtime_r(&seconds, &tm) != nullptr);
        char expected[64];
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d.%09uZ", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                      static_cast<unsigned>(ns % 1000000000ULL));
        out.clear();
        text::append(out, AbsTime{ns});
        CHECK(out == expected);
    }
    out.clear();
    text::append(out, RelTime{1500});
    CHECK(out == "1500ns");
}

TEST_CASE("utc_time is timegm without normalizing; try_parse_ipv4/6 do not throw") {
    uint64_t seed = 42;
    for (int i = 0; i < 2000; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const time_t seconds = static_cast<time_t>((seed >> 20) % 18446744073ULL);
        std::tm tm{};
        REQUIRE(gmtime_r(&seconds, &tm) != nullptr);
        AbsTime t;
        REQUIRE(utc_time(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 7, t));
        CHECK(t.ns == static_cast<uint64_t>(seconds) * 1000000000ULL + 7);
    }
    AbsTime t{5};
    CHECK_FALSE(utc_time(2026, 2, 29, 0, 0, 0, 0, t));  // not a leap year
    CHECK(utc_time(2024, 2, 29, 0, 0, 0, 0, t));
    CHECK_FALSE(utc_time(2026, 13, 1, 0, 0, 0, 0, t));
    CHECK_FALSE(utc_time(1969, 12, 31, 23, 59, 59, 0, t));
    CHECK_FALSE(utc_time(2554, 7, 22, 0, 0, 0, 0, t));  // past UINT64_MAX ns
    CHECK(utc_time(1970, 1, 1, 0, 0, 0, 0, t));
    CHECK(t.ns == 0);
    Ipv4 v4;
    CHECK(try_parse_ipv4("10.0.0.5", v4));
    CHECK(v4.bytes[3] == 5);
    CHECK_FALSE(try_parse_ipv4("300.1.1.1", v4));
    CHECK_FALSE(try_parse_ipv4("10.0.0.5 and more text, longer than any address", v4));
    Ipv6 v6;
    CHECK(try_parse_ipv6("2001:db8::1", v6));
    CHECK(v6.bytes[15] == 1);
    CHECK_FALSE(try_parse_ipv6("2001:db8::g", v6));
}

TEST_CASE("event text is made printable: control characters and NUL are escaped") {
    std::string out;
    text::append(out, std::string_view("a\0b\nc\x7f\xc3\xa9", 8));
    CHECK(out == "a\\x00b\\x0ac\\x7f\xc3\xa9");
}

TEST_CASE("integers render in decimal: every length, the limits of every type") {
    auto check = [](auto v) {
        std::string out;
        text::append(out, v);
        CHECK(out == std::to_string(v));
        out = "<";
        text::append(out, v, ">");  // through a Writer, after text already there
        CHECK(out == "<" + std::to_string(v) + ">");
    };
    for (uint64_t p = 1;; p *= 10) {
        for (uint64_t v : {p - 1, p, p + 1}) {
            check(v);
            check(static_cast<int64_t>(v));
            check(-static_cast<int64_t>(v));
            check(static_cast<uint32_t>(v));
            check(static_cast<int32_t>(v));
        }
        if (p > UINT64_MAX / 10) break;
    }
    check(UINT64_MAX);
    check(INT64_MIN);
    check(INT64_MAX);
    check(uint64_t{UINT32_MAX} + 1);
    check(int8_t{-128});
    check(uint8_t{255});
    check(int16_t{-32768});
    check(uint16_t{65535});
    check(INT32_MIN);
    check(UINT32_MAX);
}

TEST_CASE("strings: the same text through a Writer and a text::Out, with a control character at every position") {
    text::Out in_place;
    for (size_t n = 0; n <= 72; ++n) {
        for (size_t at = 0; at <= n; ++at) {  // at == n: nothing to escape
            for (char c : {'\0', '\n', '\x1f', '\x7f'}) {
                std::string v(n, 'a');
                for (size_t i = 0; i < n; ++i) v[i] = static_cast<char>(i % 2 ? ' ' + i : '\x80' + i);
                if (at < n) v[at] = c;
                std::string expected;
                for (unsigned char b : v) {
                    char escaped[5];
                    std::snprintf(escaped, sizeof escaped, "\\x%02x", b);
                    expected += b < 0x20 || b == 0x7f ? std::string(escaped) : std::string(1, static_cast<char>(b));
                }
                std::string out;
                text::append(out, std::string_view(v));
                CHECK(out == expected);
                out = "<";
                text::append(out, std::string_view(v), ">");
                CHECK(out == "<" + expected + ">");
                in_place.clear();
                text::append(in_place, std::string_view(v));
                CHECK(in_place.view() == expected);
                text::append(in_place, "<", std::string_view(v), true);
                CHECK(std::string(in_place.c_str()) == expected + "<" + expected + "true");
            }
        }
    }
    std::string out;
    text::append(out, std::string(5000, 'y'), true, RelTime{7});  // past the stack room: into the string
    CHECK(out == std::string(5000, 'y') + "true7ns");
}

TEST_CASE("text::Out: its memory is kept across texts, the text stays NUL-terminated, long text grows it") {
    text::Out out;
    text::append(out, "pid=", uint32_t{42}, " ok=", false, " ", -7);
    CHECK(std::string(out.c_str()) == "pid=42 ok=false -7");
    text::append(out, uint64_t{18446744073709551615ULL});
    text::append(out, RelTime{5});
    CHECK(std::string(out.c_str()) ==
          "pid=42 ok=false -718446744073709551615"
          "5ns");
    const char* memory = out.c_str();
    for (int i = 0; i < 100; ++i) {  // short texts: the same memory every time
        out.clear();
        text::append(out, "event #", i);
        CHECK(out.c_str() == memory);
        CHECK(std::string(out.c_str()) == "event #" + std::to_string(i));
    }
    // A text longer than the memory: it grows, and what was written stays.
    out.clear();
    out.push_back('[');
    const std::string big(100000, 'z');
    text::append(out, std::string_view(big), "]");
    const std::string text = out.c_str();
    CHECK(text.size() == big.size() + 2);
    CHECK(text == "[" + big + "]");
    CHECK(out.size() == text.size());
    // The std::string for code that writes into one starts empty every time.
    out.scratch() = "left over";
    CHECK(out.scratch().empty());
}

TEST_CASE("text::Out: text written into its std::string, taken as is or after text already there") {
    text::Out out;
    out.scratch() = "from a string";
    out.take_scratch();  // into an empty Out: not copied
    CHECK(out.view() == "from a string");
    CHECK(std::string(out.c_str()) == "from a string");
    text::append(out, " #", 3);  // more text: after it
    CHECK(std::string(out.c_str()) == "from a string #3");
    out.scratch() = "!";
    out.take_scratch();
    CHECK(std::string(out.c_str()) == "from a string #3!");

    out.clear();  // a borrowed text is forgotten by clear(), and the memory is usable again
    out.scratch() = "x";
    out.take_scratch();
    out.clear();
    CHECK(out.size() == 0);
    text::append(out, std::string_view(std::string(1000, 'a')), "b");
    CHECK(std::string(out.c_str()) == std::string(1000, 'a') + "b");

    out.clear();  // the std::string asked for again while its text is the Out's: the text is kept
    out.scratch() = "first ";
    out.take_scratch();
    out.scratch() = "second";
    out.take_scratch();
    CHECK(std::string(out.c_str()) == "first second");
    out.clear();
    out.scratch();
    out.take_scratch();  // an empty std::string: an empty text
    CHECK(std::string(out.c_str()).empty());
}
