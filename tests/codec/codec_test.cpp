// Generated codecs: every member type round-trips; every truncation is an
// error, never an out-of-bounds read; old and new versions of a layout read
// each other's events.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "falcogen/detail/batch_access.hpp"
#include "falcogen/detail/plugin_event.hpp"
#include "v0/plugin.gen.hpp"
#include "v1/plugin.gen.hpp"

namespace v1 = allmembers;
namespace v0 = allmembers_v0;

namespace {

template <typename Layout>
std::vector<uint8_t> encode(const Layout& e) {
    std::vector<uint8_t> out(e.encoded_size());
    uint8_t* end = e.encode(out.data());
    REQUIRE(static_cast<size_t>(end - out.data()) == out.size());
    return out;
}

v1::Every sample() {
    static const uint8_t raw[] = {0xde, 0xad, 0x00, 0xbe, 0xef};
    v1::Every e;
    e.a_u8 = 0xfe;
    e.a_u16 = 0xfedc;
    e.a_u32 = 0xfedcba98u;
    e.a_u64 = 0xfedcba9876543210ull;
    e.a_i8 = -128;
    e.a_i16 = -32768;
    e.a_i32 = -2147483647 - 1;
    e.a_i64 = INT64_MIN;
    e.a_bool = true;
    e.a_string = "héllo, wörld";
    e.a_bytes = falcogen::ByteView(raw, sizeof raw);
    e.a_abstime = 1772359200000000123ull;
    e.a_reltime = 42;
    e.a_ipv4 = falcogen::parse_ipv4("192.0.2.1");
    e.a_ipv6 = falcogen::parse_ipv6("2001:db8::ff");
    return e;
}

// Decodes with the v1 codec; returns the error or "".
std::string decode_v1(const std::vector<uint8_t>& data, v1::Every* out = nullptr, std::string* layout = nullptr) {
    // An exact-size heap copy, so a sanitizer catches any overread.
    std::unique_ptr<uint8_t[]> exact(new uint8_t[data.size() == 0 ? 1 : data.size()]);
    if (!data.empty()) std::memcpy(exact.get(), data.data(), data.size());
    struct Visitor {
        v1::Every* out;
        std::string* layout;
        void operator()(const v1::Every& e) const {
            if (out) *out = e;
            if (layout) *layout = "every";
        }
        void operator()(const v1::Other&) const {
            if (layout) *layout = "other";
        }
    };
    const char* error = v1::decode_event(exact.get(), data.size(), Visitor{out, layout});
    return error ? error : "";
}

}  // namespace

TEST_CASE("every member type round-trips") {
    const auto bytes = encode(sample());
    v1::Every d;
    std::string layout;
    REQUIRE(decode_v1(bytes, &d, &layout) == "");
    // (the views point into `bytes`' copy, which is gone: compare scalars,
    // and re-decode in place below for the views)
    CHECK(layout == "every");
    CHECK(d.members_present == v1::Every::kMemberCount);
    CHECK(d.a_u8 == 0xfe);
    CHECK(d.a_u16 == 0xfedc);
    CHECK(d.a_u32 == 0xfedcba98u);
    CHECK(d.a_u64 == 0xfedcba9876543210ull);
    CHECK(d.a_i8 == -128);
    CHECK(d.a_i16 == -32768);
    CHECK(d.a_i32 == -2147483647 - 1);
    CHECK(d.a_i64 == INT64_MIN);
    CHECK(d.a_bool);
    CHECK(d.a_abstime == 1772359200000000123ull);
    CHECK(d.a_reltime == 42);
    CHECK(d.a_ipv4 == falcogen::parse_ipv4("192.0.2.1"));
    CHECK(d.a_ipv6 == falcogen::parse_ipv6("2001:db8::ff"));

    bool seen = false;
    v1::decode_event(bytes.data(), bytes.size(), [&](const auto& e) {
        if constexpr (std::is_same_v<std::decay_t<decltype(e)>, v1::Every>) {
            CHECK(e.a_string == "héllo, wörld");
            static const uint8_t raw[] = {0xde, 0xad, 0x00, 0xbe, 0xef};
            CHECK(e.a_bytes == falcogen::ByteView(raw, sizeof raw));
            // Views point into the event: zero-copy.
            CHECK(reinterpret_cast<const uint8_t*>(e.a_string.data()) > bytes.data());
            CHECK(reinterpret_cast<const uint8_t*>(e.a_string.data()) < bytes.data() + bytes.size());
            seen = true;
        }
    });
    CHECK(seen);
}

TEST_CASE("the wire bytes are the documented ones") {
    v1::Other o;
    o.text = "hi";
    const auto bytes = encode(o);
    const std::vector<uint8_t> expected = {2, 0, 1, 0, 3, 0, 0, 0, 'h', 'i', 0};  // tag 2, 1 member, "hi\0"
    CHECK(bytes == expected);
}

TEST_CASE("every truncation of an event is an error, never a read past its end") {
    const auto bytes = encode(sample());
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        std::vector<uint8_t> part(bytes.begin(), bytes.begin() + static_cast<long>(cut));
        CAPTURE(cut);
        CHECK(decode_v1(part) != "");
    }
}

TEST_CASE("malformed members are named") {
    auto bytes = encode(sample());
    SUBCASE("bool other than 0/1") {
        // a_bool follows 1+2+4+8+1+2+4+8 bytes of members and the 4-byte header
        bytes[4 + 30] = 7;
        CHECK(decode_v1(bytes) == "truncated or malformed member 'a_bool' of layout 'every'");
    }
    SUBCASE("trailing bytes") {
        bytes.push_back(0);
        CHECK(decode_v1(bytes) == "trailing bytes after the last member of layout 'every'");
    }
    SUBCASE("unknown tag") {
        bytes[0] = 99;
        CHECK(decode_v1(bytes).find("unknown layout tag") == 0);
    }
    SUBCASE("tag 0") {
        bytes[0] = 0;
        CHECK(decode_v1(bytes) == "invalid layout tag 0");
    }
}

TEST_CASE("an event of the older version decodes with the newer code: new members absent") {
    v0::Every old;
    old.a_u8 = 1;
    old.a_u16 = 2;
    old.a_u32 = 3;
    const auto bytes = encode(old);
    v1::Every d;
    REQUIRE(decode_v1(bytes, &d) == "");
    CHECK(d.members_present == 3);
    CHECK(d.has_a_u32());
    CHECK_FALSE(d.has_a_u64());
    CHECK_FALSE(d.has_a_ipv6());
    CHECK(d.a_u32 == 3);
    CHECK(d.a_u64 == 0);  // absent members keep their zero value, never garbage
}

TEST_CASE("an event of the newer version decodes with the older code: extra members skipped") {
    const auto bytes = encode(sample());
    bool seen = false;
    const char* error = v0::decode_event(bytes.data(), bytes.size(), [&](const v0::Every& e) {
        CHECK(e.a_u8 == 0xfe);
        CHECK(e.a_u32 == 0xfedcba98u);
        CHECK(e.members_present == v0::Every::kMemberCount);
        seen = true;
    });
    CHECK(error == nullptr);
    CHECK(seen);
}

TEST_CASE("the default text: every member type, absent members, long strings, after text already there") {
    std::string out = "> ";
    falcogen::detail::append_default_text(sample(), out);
    CHECK(out ==
          "> every a_u8=254 a_u16=65244 a_u32=4275878552 a_u64=18364758544493064720 a_i8=-128 a_i16=-32768 "
          "a_i32=-2147483648 a_i64=-9223372036854775808 a_bool=true a_string=héllo, wörld "
          "a_bytes=dead00beef a_abstime=2026-03-01T10:00:00.000000123Z a_reltime=42ns a_ipv4=192.0.2.1 "
          "a_ipv6=2001:db8::ff");

    v0::Every old;  // an older version's event: the members it lacks are not shown
    old.a_u8 = 1;
    old.a_u16 = 2;
    old.a_u32 = 3;
    v1::Every d;
    REQUIRE(decode_v1(encode(old), &d) == "");
    out.clear();
    falcogen::detail::append_default_text(d, out);
    CHECK(out == "every a_u8=1 a_u16=2 a_u32=3");

    // Strings whose text may not fit the stack room (4 bytes per byte, for
    // escapes) are written into the string itself; the text is the same.
    for (size_t n : {200u, 251u, 252u, 3000u}) {  // 251: the last on the stack
        v1::Other other;
        const std::string text = std::string(n, 'x') + "\n\x7f";
        other.text = text;
        out = "> ";
        falcogen::detail::append_default_text(other, out);
        CHECK(out == "> other text=" + std::string(n, 'x') + "\\x0a\\x7f");
    }
}

TEST_CASE("the default text written in place into a text::Out is the std::string form's, past its room") {
    falcogen::text::Out out;
    out.append("> ", 2);
    falcogen::detail::append_default_text(sample(), out);
    std::string expected = "> ";
    falcogen::detail::append_default_text(sample(), expected);
    CHECK(std::string(out.c_str()) == expected);
    for (size_t n : {0u, 7u, 8u, 15u, 16u, 17u, 200u, 3000u, 70000u}) {  // words, chunks, growing the memory
        v1::Other other;
        const std::string text = std::string(n, 'x') + "\n\x7f" + std::string(n % 9, 'y');
        other.text = text;
        out.clear();
        falcogen::detail::append_default_text(other, out);
        expected = "other text=" + std::string(n, 'x') + "\\x0a\\x7f" + std::string(n % 9, 'y');
        CHECK(out.view() == expected);
        CHECK(std::strlen(out.c_str()) == expected.size());  // NUL-terminated, with no NUL inside
    }
}

namespace {

// Authors of each to_string form, for the text of events (they never open).
struct NoText : v1::PluginBase {
    std::unique_ptr<v1::InstanceBase> open(std::string_view) override { return nullptr; }
};
struct OutText : NoText {
    void to_string(const v1::Other& e, falcogen::text::Out& out) override {
        falcogen::text::append(out, "out ", e.text, " #", 7);
    }
};
struct StringText : NoText {
    void to_string(const v1::Other& e, std::string& out) override {
        out = "string ";
        NoText::to_string(e, out);  // the default text, after text already there
    }
};
// Both forms: the text::Out form wins; it may call the std::string form itself.
struct BothTexts final : StringText {
    using StringText::to_string;
    void to_string(const v1::Other& e, falcogen::text::Out& out) override {
        out.append("both ", 5);
        std::string text;
        StringText::to_string(e, text);
        out.append(text.data(), text.size());
    }
};
// One level down from the class that overrides: its override still counts.
struct Derived final : OutText {};

// The text of `event` through the plugin's render: the virtual calls of
// PluginBase (a hand-written make_plugin), or the one FALCOGEN_PLUGIN binds.
template <typename Author, typename Layout>
std::pair<std::string, std::string> texts(const Layout& event) {
    Author author;
    const std::vector<uint8_t> data = encode(event);
    falcogen::text::Out out;
    std::pair<std::string, std::string> result;
    REQUIRE(falcogen::detail::render<v1::PluginBase, v1::Every, v1::Other>(author, data.data(), data.size(), out) ==
            nullptr);
    result.first = out.c_str();
    falcogen::detail::TextBinding<Author, v1::PluginBase>::bind(author);
    REQUIRE(static_cast<bool>(author.text_render_root()));
    out.clear();
    REQUIRE(author.text_render_root()(author, data.data(), data.size(), out) == nullptr);
    result.second = out.c_str();
    return result;
}

}  // namespace

TEST_CASE("to_string: the text::Out form, the std::string form or the default, bound or through virtual calls") {
    using Texts = std::pair<std::string, std::string>;
    const v1::Other other{"a\tb"};
    CHECK(texts<NoText>(other) == Texts{"other text=a\\x09b", "other text=a\\x09b"});
    CHECK(texts<OutText>(other) == Texts{"out a\\x09b #7", "out a\\x09b #7"});
    CHECK(texts<StringText>(other) == Texts{"string other text=a\\x09b", "string other text=a\\x09b"});
    CHECK(texts<BothTexts>(other) == Texts{"both string other text=a\\x09b", "both string other text=a\\x09b"});
    CHECK(texts<Derived>(other) == Texts{"out a\\x09b #7", "out a\\x09b #7"});
    // The layout none of them overrides: the default text.
    v1::Every every;
    every.a_u8 = 3;
    const std::string text = texts<BothTexts>(every).second;
    CHECK(text.rfind("every a_u8=3 a_u16=0 ", 0) == 0);
    CHECK(texts<OutText>(every) == Texts{text, text});
    // What is malformed is not rendered: the error, and nothing written.
    OutText author;
    falcogen::text::Out out;
    const uint8_t truncated[] = {7, 0, 15};
    CHECK(falcogen::detail::render<v1::PluginBase, v1::Every, v1::Other>(author, truncated, sizeof truncated, out) !=
          nullptr);
    CHECK(out.size() == 0);
}

TEST_CASE("encoding goes through EventBatch into exact plugin events") {
    falcogen::EventBatch batch(999);
    batch.add(sample(), 5);
    batch.add(v1::Other{"x"});
    ss_plugin_event** evts = falcogen::detail::BatchAccess::events(batch);
    falcogen::detail::PluginEventView view;
    REQUIRE(falcogen::detail::parse_plugin_event(evts[0], view) == nullptr);
    CHECK(view.payload_size == sample().encoded_size());
    CHECK(view.ts == 5);
    REQUIRE(falcogen::detail::parse_plugin_event(evts[1], view) == nullptr);
    std::string layout;
    v1::decode_event(view.payload, view.payload_size,
                     [&](const auto& e) { layout = std::decay_t<decltype(e)>::kName; });
    CHECK(layout == "other");
}

TEST_CASE("strings of every short length, and past the inline copy, go through EventBatch intact") {
    // The wire writer copies strings of up to 32 bytes inline, in size
    // classes; longer ones, empty ones and each class boundary must come out
    // as they went in, in a batch that grows past its first buffer meanwhile.
    falcogen::EventBatch batch(999);
    std::vector<std::string> texts;
    for (size_t n = 0; n <= 80; ++n) {
        std::string text;
        for (size_t i = 0; i < n; ++i) text.push_back(static_cast<char>('a' + (n + i) % 26));
        texts.push_back(text);
    }
    for (int round = 0; round < 40; ++round) {
        for (const std::string& text : texts) batch.add(v1::Other{text});
    }
    REQUIRE(batch.size() == 40 * texts.size());
    ss_plugin_event** evts = falcogen::detail::BatchAccess::events(batch);
    for (size_t i = 0; i < batch.size(); ++i) {
        falcogen::detail::PluginEventView view;
        REQUIRE(falcogen::detail::parse_plugin_event(evts[i], view) == nullptr);
        std::string got = "<none>";
        const char* error = v1::decode_event(view.payload, view.payload_size, [&](const auto& e) {
            if constexpr (std::is_same_v<std::decay_t<decltype(e)>, v1::Other>) got = std::string(e.text);
        });
        REQUIRE(error == nullptr);
        REQUIRE(got == texts[i % texts.size()]);
    }
}
