// Robustness of generated plugins (issue 7): every author callback that
// throws yields the API's failure code and a message naming the callback;
// malformed events are reported with the check that failed; limits (long
// open params, 1 MiB configs, big events, huge batches, 200 members) give
// correct results or clear errors. Plugins: robust/ and wide/ (this folder).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <falcogen/host/host.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "plugin_event_bytes.hpp"

// The robust plugin (fg_robust), or the one FALCOGEN_ROBUST_PLUGIN names:
// its twin fg_robust_virtual, whose computed fields go through the vtable.
const char* robust_plugin() {
    const char* path = std::getenv("FALCOGEN_ROBUST_PLUGIN");
    return path != nullptr ? path : ROBUST_PLUGIN;
}

using falcogen::host::Host;
using falcogen::host::HostError;
using falcogen::host::HostEvent;

namespace {

const std::vector<std::string> kKinds = {"std", "error", "other"};

std::string config_for(const std::string& throw_in, const std::string& kind) {
    return R"({"throw_in": ")" + throw_in + R"(", "throw_kind": ")" + kind + R"("})";
}

// What the barrier records for an injected failure in `callback`.
std::string expected_error(const std::string& callback, const std::string& where, const std::string& kind) {
    if (kind == "other") return callback + ": unknown exception (not derived from std::exception)";
    return callback + ": injected failure in " + where;
}

std::string thrown_message(const std::function<void()>& f) {
    try {
        f();
    } catch (const HostError& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

// A well-formed plugin event (322) around `payload`.
std::vector<uint8_t> make_event(const std::vector<uint8_t>& payload, uint32_t plugin_id = 999) {
    return falcogen_tests::plugin_event_bytes(plugin_id, payload.data(), payload.size(), 5);
}

// Little helpers to write layout payloads by hand.
struct Payload {
    std::vector<uint8_t> bytes;
    template <typename T>
    Payload& put(T v) {
        const auto* p = reinterpret_cast<const uint8_t*>(&v);
        bytes.insert(bytes.end(), p, p + sizeof(T));
        return *this;
    }
    Payload& raw(std::initializer_list<uint8_t> b) {
        bytes.insert(bytes.end(), b);
        return *this;
    }
    Payload& str(const std::string& s) {  // u32 length including the NUL, bytes, NUL
        put<uint32_t>(static_cast<uint32_t>(s.size() + 1));
        bytes.insert(bytes.end(), s.begin(), s.end());
        bytes.push_back(0);
        return *this;
    }
    Payload& header(uint16_t tag, uint16_t count) { return put(tag).put(count); }
};

Payload scalars_payload() {
    Payload p;
    p.header(1, 9).put<uint8_t>(1).put<int8_t>(-1).put<uint16_t>(2).put<int16_t>(-2).put<uint32_t>(3);
    p.put<int32_t>(-3).put<uint64_t>(4).put<int64_t>(-4).put<uint8_t>(1);
    return p;
}

// Raw plugin_event_to_string on exactly these bytes (a heap copy of exactly
// len bytes, so ASan sees any read past the event).
struct RawText {
    const char* text = nullptr;
    std::string last_error;
};
RawText raw_to_string(Host& h, const std::vector<uint8_t>& event) {
    std::unique_ptr<uint8_t[]> copy(new uint8_t[event.size()]);
    std::memcpy(copy.get(), event.data(), event.size());
    ss_plugin_event_input in{};
    in.evt = reinterpret_cast<const ss_plugin_event*>(copy.get());
    in.evtnum = 1;
    in.evtsrc = "robust";
    RawText r;
    r.text = h.api().event_to_string(h.state(), &in);
    r.last_error = h.last_error();
    return r;
}

std::string malformed(Host& h, const std::vector<uint8_t>& event) {
    RawText r = raw_to_string(h, event);
    REQUIRE(r.text != nullptr);
    const std::string text = r.text;
    // The same check is what get_last_error reports.
    const std::string prefix = "<malformed event: ";
    if (text.rfind(prefix, 0) == 0)
        CHECK(r.last_error == "plugin_event_to_string: " + text.substr(18, text.size() - 19));
    return text;
}

std::unique_ptr<Host> robust(const std::string& config = "") {
    auto h = std::make_unique<Host>(robust_plugin());
    h->init(config);
    return h;
}

bool has_log(const Host& h, const std::string& message, ss_plugin_log_severity sev) {
    for (const auto& m : h.logs()) {
        if (m.message == message && m.severity == sev && m.component == "robust") return true;
    }
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
TEST_SUITE("failures") {
    TEST_CASE("the plugin works without injected failures (baseline for the tests below)") {
        auto h = robust();
        auto inst = h->open("count:4");
        auto events = inst->read_all();
        REQUIRE(events.size() == 4);
        CHECK(h->event_to_string(events[0]) ==
              "scalars a_u8=1 a_i8=-1 a_u16=2 a_i16=-2 a_u32=3 a_i32=-3 a_u64=4 a_i64=-4 flag=true");
        CHECK(h->event_to_string(events[1]) ==
              "net v4=10.0.0.2 v6=fe80::2 at=2026-03-01T10:00:00.000000002Z took=2000ns");
        CHECK(h->event_to_string(events[2]) == "blob text=hi raw=dead03 after=3");
        CHECK(h->event_to_string(events[3]) == "text body=hi#4");
        CHECK(events[3].ts() == 1004);
        CHECK(inst->progress().text == "4/4");
        CHECK(inst->progress().pct == 10000);
    }

    TEST_CASE("init: a throwing make_plugin fails plugin_init with a message naming it") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            Host h(robust_plugin());
            CHECK(thrown_message([&] { h.init(config_for("init", kind)); }) ==
                  "could not initialize plugin: " + expected_error("plugin_init", "init", kind));
            // Through the ABI: FAILURE, a state for get_last_error, then destroy.
            const std::string config = config_for("init", kind);
            ss_plugin_init_input in{};
            in.config = config.c_str();
            ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
            ss_plugin_t* s = h.api().init(&in, &rc);
            CHECK(rc == SS_PLUGIN_FAILURE);
            REQUIRE(s != nullptr);
            CHECK(std::string(h.api().get_last_error(s)) == expected_error("plugin_init", "init", kind));
            h.api().destroy(s);
        }
        // The process and the library keep working.
        auto ok = robust();
        CHECK(ok->open("count:1")->read_all().size() == 1);
    }

    TEST_CASE("open: a throwing open fails plugin_open; a failed open says why") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("open", kind));
            CHECK(thrown_message([&] { h->open("count:1"); }) ==
                  "could not open plugin robust: " + expected_error("plugin_open", "open", kind));
            ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
            ss_instance_t* i = h->api().open(h->state(), "count:1", &rc);
            CHECK(rc == SS_PLUGIN_FAILURE);
            CHECK(i == nullptr);
            CHECK(h->last_error() == expected_error("plugin_open", "open", kind));
            h->api().close(h->state(), i);  // libscap closes even a failed open
        }
        auto h = robust();
        CHECK(thrown_message([&] { h->open("fail:cannot read /x: No such file or directory"); }) ==
              "could not open plugin robust: plugin_open: cannot read /x: No such file or directory");
        CHECK(thrown_message([&] { h->open("count:ten"); }) ==
              "could not open plugin robust: plugin_open: expected a number in open params 'count:ten'");
        CHECK(h->open("count:2")->read_all().size() == 2);  // the host keeps running
    }

    TEST_CASE("next_batch: a throwing next_batch fails with FAILURE and no events") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("next_batch", kind));
            auto inst = h->open("count:3");
            CHECK(thrown_message([&] { inst->next(1); }) ==
                  "error in plugin robust: next_batch failed: " +
                      expected_error("plugin_next_batch", "next_batch", kind));
            uint32_t n = 77;
            ss_plugin_event** evts = reinterpret_cast<ss_plugin_event**>(&n);
            CHECK(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_FAILURE);
            CHECK(n == 0);
            CHECK(evts == nullptr);
            CHECK(h->last_error() == expected_error("plugin_next_batch", "next_batch", kind));
        }
    }

    TEST_CASE("progress: a throwing progress returns NULL and 0, with the error recorded") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("progress", kind));
            auto inst = h->open("count:3");
            CHECK(inst->read_all().size() == 3);
            uint32_t pct = 1234;
            CHECK(h->api().get_progress(h->state(), inst->raw(), &pct) == nullptr);
            CHECK(pct == 0);
            CHECK(h->last_error() == expected_error("plugin_get_progress", "progress", kind));
            auto p = inst->progress();
            CHECK(p.supported);
            CHECK(p.pct == 0);
            CHECK(p.text.empty());
        }
    }

    TEST_CASE("event_to_string: a throwing to_string returns NULL; the host falls back to its own text") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("event_to_string", kind));
            auto events = h->open("text:abc")->read_all();
            REQUIRE(events.size() == 1);
            RawText r = raw_to_string(*h, events[0].bytes());
            CHECK(r.text == nullptr);
            CHECK(r.last_error == expected_error("plugin_event_to_string", "event_to_string", kind));
            CHECK(h->event_to_string(events[0]) == "datalen=12 data=<binary>");
        }
    }
    TEST_CASE("extract: a throwing computed field fails plugin_extract_fields with FAILURE") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("extract", kind));
            auto events = h->open("count:1")->read_all();
            REQUIRE(events.size() == 1);
            CHECK(thrown_message([&] { h->extract(events[0], "robust.layout[k]"); }) ==
                  "error in plugin robust: extract_fields failed for 'robust.layout[k]': " +
                      expected_error("plugin_extract_fields", "extract", kind));
            CHECK(h->last_error() == expected_error("plugin_extract_fields", "extract", kind));
            // Other fields still extract: the host keeps running.
            CHECK(h->extract<uint64_t>(events[0], "robust.u8") == uint64_t{1});
        }
    }

    TEST_CASE("extract: every field of every layout, and no value from malformed events") {
        auto h = robust();
        auto events = h->open("count:4")->read_all();
        REQUIRE(events.size() == 4);
        CHECK(h->extract<uint64_t>(events[0], "robust.u8") == uint64_t{1});
        CHECK(!h->extract<uint64_t>(events[0], "robust.i64"));  // negative: no value
        CHECK(h->extract<uint64_t>(events[0], "robust.u64") == uint64_t{4});
        CHECK(h->extract<bool>(events[0], "robust.flag") == true);
        CHECK(h->extract(events[1], "robust.v4").to_string() == "10.0.0.2");
        CHECK(h->extract(events[1], "robust.v6").to_string() == "fe80::2");
        CHECK(h->extract<uint64_t>(events[1], "robust.at") == uint64_t{1772359200000000002ULL});
        CHECK(h->extract<uint64_t>(events[1], "robust.took") == uint64_t{2000});
        CHECK(h->extract<std::string>(events[2], "robust.text") == std::string("hi"));
        CHECK(h->extract<std::string>(events[3], "robust.text") == std::string("hi#4"));
        CHECK(h->extract<uint64_t>(events[2], "robust.after") == uint64_t{3});
        CHECK(h->extract<std::string>(events[2], "robust.layout[x]") == std::string("blob[x]"));
        CHECK(h->extract(events[0], "robust.digits[2]").to_string() == "(1,0)");
        CHECK(h->extract(events[1], "robust.net").to_string() == "10.0.0.0");
        CHECK(h->extract<bool>(events[1], "robust.present") == true);  // a private override
        CHECK(!h->extract<uint64_t>(events[1], "robust.u8"));  // another layout: no value
        const auto bad = HostEvent(make_event(Payload().header(1, 9).raw({1}).bytes), 99);
        CHECK(!h->extract<uint64_t>(bad, "robust.u8"));
        CHECK(h->extract<bool>(bad, "robust.present") == false);
        CHECK(!h->extract<std::string>(bad, "robust.layout"));
    }
}  // TEST_SUITE failures

// ---------------------------------------------------------------------------------------------
TEST_SUITE("destructors") {
    TEST_CASE("close: a throwing instance destructor is logged and recorded; the instance is freed") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("close", kind));
            auto inst = h->open("count:2");
            CHECK(inst->read_all().size() == 2);
            inst->close();  // plugin_close: must not terminate (ASan/valgrind: must not leak)
            const std::string expected = expected_error("plugin_close", "close", kind);
            CHECK(h->last_error() == expected);
            CHECK(has_log(*h, expected, SS_PLUGIN_LOG_SEV_ERROR));
            // The plugin keeps working: another capture opens and reads.
            auto again = h->open("count:1");
            CHECK(again->read_all().size() == 1);
        }
    }

    TEST_CASE("close with NULL pointers does nothing") {
        auto h = robust();
        h->api().close(h->state(), nullptr);
        h->api().close(nullptr, nullptr);
        CHECK(h->last_error().empty());
    }

    TEST_CASE("destroy: a throwing plugin destructor is logged; the state is freed") {
        for (const auto& kind : kKinds) {
            CAPTURE(kind);
            auto h = robust(config_for("destroy", kind));
            CHECK(h->open("count:1")->read_all().size() == 1);
            h->destroy();
            CHECK(has_log(*h, expected_error("plugin_destroy", "destroy", kind), SS_PLUGIN_LOG_SEV_ERROR));
        }
    }
}  // TEST_SUITE destructors

// ---------------------------------------------------------------------------------------------
TEST_SUITE("malformed") {
    TEST_CASE("each envelope check is reported by name") {
        auto h = robust();
        const auto good = make_event(scalars_payload().bytes);
        CHECK(malformed(*h, good) ==
              "scalars a_u8=1 a_i8=-1 a_u16=2 a_i16=-2 a_u32=3 a_i32=-3 a_u64=4 a_i64=-4 flag=true");

        auto e = good;
        e[20] = 0x43;  // type 323
        CHECK(malformed(*h, e) == "<malformed event: not a plugin event (type is not 322)>");
        e = good;
        e[22] = 3;
        CHECK(malformed(*h, e) == "<malformed event: malformed plugin event (nparams is not 2)>");
        e = good;
        e.resize(37);
        const uint32_t short_len = 37;
        std::memcpy(&e[16], &short_len, 4);
        CHECK(malformed(*h, e) == "<malformed event: truncated plugin event (len is less than 38)>");
        e.resize(26);
        const uint32_t header_len = 26;
        std::memcpy(&e[16], &header_len, 4);
        CHECK(malformed(*h, e) == "<malformed event: truncated plugin event (len is less than 38)>");
        e = good;
        e[26] = 8;
        CHECK(malformed(*h, e) == "<malformed event: malformed plugin event (plugin_id parameter is not 4 bytes)>");
        for (uint32_t bad_len : {0u, 1u, 0xffffffffu, static_cast<uint32_t>(good.size())}) {
            CAPTURE(bad_len);
            e = good;
            std::memcpy(&e[30], &bad_len, 4);
            CHECK(malformed(*h, e) ==
                  "<malformed event: malformed plugin event (event_data length does not match len)>");
        }
        ss_plugin_event_input in{};
        in.evt = nullptr;
        CHECK(std::string(h->api().event_to_string(h->state(), &in)) == "<malformed event: no event (NULL)>");
        CHECK(std::string(h->api().event_to_string(h->state(), nullptr)) == "<malformed event: no event (NULL)>");
    }

    TEST_CASE("each layout check is reported by name") {
        auto h = robust();
        CHECK(malformed(*h, make_event({})) == "<malformed event: truncated layout header (needs 4 bytes)>");
        CHECK(malformed(*h, make_event({1, 0, 9})) == "<malformed event: truncated layout header (needs 4 bytes)>");
        CHECK(malformed(*h, make_event(Payload().header(0, 0).bytes)) == "<malformed event: invalid layout tag 0>");
        CHECK(malformed(*h, make_event(Payload().header(5, 0).bytes)) ==
              "<malformed event: unknown layout tag (an event of another plugin, or of a newer version of this one?)>");

        // Truncated at every byte: the member being read is named.
        const auto full = scalars_payload().bytes;
        const char* member_at[] = {"a_u8",  "a_i8",  "a_u16", "a_u16", "a_i16", "a_i16", "a_u32",
                                   "a_u32", "a_u32", "a_u32", "a_i32", "a_i32", "a_i32", "a_i32"};
        for (size_t cut = 4; cut < full.size(); ++cut) {
            CAPTURE(cut);
            std::vector<uint8_t> p(full.begin(), full.begin() + static_cast<long>(cut));
            std::string member =
                cut - 4 < 14 ? member_at[cut - 4] : (cut - 4 < 22 ? "a_u64" : (cut - 4 < 30 ? "a_i64" : "flag"));
            CHECK(malformed(*h, make_event(p)) ==
                  "<malformed event: truncated or malformed member '" + member + "' of layout 'scalars'>");
        }
        auto p = full;
        p.back() = 2;  // bool must be 0 or 1
        CHECK(malformed(*h, make_event(p)) ==
              "<malformed event: truncated or malformed member 'flag' of layout 'scalars'>");
        p = full;
        p.push_back(0);
        CHECK(malformed(*h, make_event(p)) ==
              "<malformed event: trailing bytes after the last member of layout 'scalars'>");
    }

    TEST_CASE("strings and bytes: zero, oversized and unterminated lengths") {
        auto h = robust();
        auto blob = [](Payload p) { return make_event(p.bytes); };
        CHECK(
            malformed(*h, blob(Payload().header(3, 3).str("hi").put<uint32_t>(2).raw({0xab, 0xcd}).put<uint32_t>(7))) ==
            "blob text=hi raw=abcd after=7");
        const std::string text_error = "<malformed event: truncated or malformed member 'text' of layout 'blob'>";
        CHECK(malformed(*h, blob(Payload().header(3, 3).put<uint32_t>(0))) == text_error);  // n = 0
        CHECK(malformed(*h, blob(Payload().header(3, 3).put<uint32_t>(3).raw({'a', 'b', 'c'}))) ==
              text_error);  // no NUL
        CHECK(malformed(*h, blob(Payload().header(3, 3).put<uint32_t>(0xffffffffu).raw({'a', 0}))) == text_error);
        CHECK(malformed(*h, blob(Payload().header(3, 3).put<uint32_t>(4).raw({'a', 0}))) == text_error);
        CHECK(malformed(*h, blob(Payload().header(3, 3).raw({1, 0}))) == text_error);  // truncated length
        const std::string raw_error = "<malformed event: truncated or malformed member 'raw' of layout 'blob'>";
        CHECK(malformed(*h, blob(Payload().header(3, 3).str("x").put<uint32_t>(0xffffffffu))) == raw_error);
        CHECK(malformed(*h, blob(Payload().header(3, 3).str("x").put<uint32_t>(3).raw({1, 2}))) == raw_error);
        CHECK(malformed(*h, blob(Payload().header(3, 3).str("x").put<uint32_t>(0).raw({1, 2}))) ==
              "<malformed event: truncated or malformed member 'after' of layout 'blob'>");
        // An embedded NUL inside the declared length decodes (the view keeps it);
        // the default text escapes it, so the host's C string shows all of it.
        CHECK(
            malformed(
                *h,
                blob(
                    Payload().header(3, 3).put<uint32_t>(4).raw({'a', 0, 'b', 0}).put<uint32_t>(0).put<uint32_t>(1))) ==
            "blob text=a\\x00b raw= after=1");
    }

    TEST_CASE("member counts: older events (fewer members) and newer events (more members)") {
        auto h = robust();
        CHECK(malformed(*h, make_event(Payload().header(3, 1).str("old").bytes)) == "blob text=old");
        CHECK(malformed(*h, make_event(Payload().header(3, 0).bytes)) == "blob");
        CHECK(malformed(
                  *h, make_event(
                          Payload().header(3, 4).str("new").put<uint32_t>(0).put<uint32_t>(9).raw({1, 2, 3}).bytes)) ==
              "blob text=new raw= after=9");
        CHECK(
            malformed(*h, make_event(Payload().header(3, 0xffff).str("new").put<uint32_t>(0).put<uint32_t>(9).bytes)) ==
            "blob text=new raw= after=9");
        CHECK(malformed(*h, make_event(Payload()
                                           .header(2, 2)
                                           .raw({10, 0, 0, 1})
                                           .raw({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                                           .bytes)) == "net v4=10.0.0.1 v6=fe80::1");
        CHECK(malformed(*h, make_event(Payload().header(2, 2).raw({10, 0, 0, 1}).raw({0xfe, 0x80}).bytes)) ==
              "<malformed event: truncated or malformed member 'v6' of layout 'net'>");
        CHECK(malformed(*h, make_event(Payload()
                                           .header(2, 4)
                                           .raw({10, 0, 0, 1})
                                           .raw({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
                                           .put<uint64_t>(UINT64_MAX)
                                           .put<uint64_t>(UINT64_MAX)
                                           .bytes)) ==
              "net v4=10.0.0.1 v6=:: at=2554-07-21T23:34:33.709551615Z took=18446744073709551615ns");
    }
}  // TEST_SUITE malformed

// ---------------------------------------------------------------------------------------------
TEST_SUITE("limits") {
    TEST_CASE("very long open params: passed whole, or refused with a bounded message") {
        auto h = robust();
        const std::string body(1 << 20, 'y');
        auto events = h->open("text:" + body)->read_all();
        REQUIRE(events.size() == 1);
        CHECK(events[0].payload().size == 4 + 4 + body.size() + 1);
        CHECK(h->event_to_string(events[0]) == "text body=" + body);
        const std::string junk(1 << 20, 'z');
        CHECK(
            thrown_message([&] { h->open(junk); }) ==
            "could not open plugin robust: plugin_open: unknown open params '" + std::string(40, 'z') +
                "...' (1048576 bytes; expected count:N, text:T, big:N, batch:N, toolarge, idle, fail:M, greeting or config)");
    }

    TEST_CASE("events near the maximum size: 16 MiB passes, past 4 GiB is refused before allocating") {
        auto h = robust();
        auto events = h->open("big:16777216")->read_all();
        REQUIRE(events.size() == 1);
        CHECK(events[0].len() == 38 + 4 + 4 + 16777216 + 1);
        auto inst = h->open("toolarge");
        CHECK(
            thrown_message([&] { inst->next(1); }) ==
            "error in plugin robust: next_batch failed: plugin_next_batch: event too large: 4294967258 bytes of event "
            "data (the limit is 4 GiB)");
    }

    TEST_CASE("next_batch: an empty ok batch and a timeout are TIMEOUT, EOF stays EOF, no instance is FAILURE") {
        auto h = robust();
        auto inst = h->open("idle");
        uint32_t n = 77;
        ss_plugin_event** evts = nullptr;
        CHECK(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_TIMEOUT);  // ok, no event
        CHECK(n == 0);
        CHECK(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_TIMEOUT);
        CHECK(n == 0);
        REQUIRE(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_EOF);
        REQUIRE(n == 1);
        CHECK(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_EOF);
        CHECK(n == 0);
        CHECK(evts == nullptr);
        n = 77;
        CHECK(h->api().next_batch(h->state(), nullptr, &n, &evts) == SS_PLUGIN_FAILURE);
        CHECK(n == 0);
        CHECK(h->last_error() == "plugin_next_batch: no open instance");
    }

    TEST_CASE("a batch far larger than the initial batch buffer grows, every event intact") {
        auto h = robust();
        auto inst = h->open("batch:100000");
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        REQUIRE(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_EOF);
        REQUIRE(n == 100000);
        const char* previous_end = nullptr;
        for (uint32_t i = 0; i < n; ++i) {
            const auto* p = reinterpret_cast<const uint8_t*>(evts[i]);
            uint32_t len;
            std::memcpy(&len, p + 16, 4);
            REQUIRE(len == 38 + 4 + 31);
            REQUIRE(reinterpret_cast<uintptr_t>(p) % 8 == 0);
            if (previous_end != nullptr) REQUIRE(reinterpret_cast<const char*>(p) >= previous_end);
            previous_end = reinterpret_cast<const char*>(p) + len;
            uint64_t u64;
            std::memcpy(&u64, p + 38 + 4 + 1 + 1 + 2 + 2 + 4 + 4, 8);
            REQUIRE(u64 == 4ull * (i + 1));
        }
        std::vector<uint8_t> last(reinterpret_cast<const uint8_t*>(evts[n - 1]),
                                  reinterpret_cast<const uint8_t*>(evts[n - 1]) + 73);
        CHECK(
            malformed(*h, last) ==
            "scalars a_u8=160 a_i8=-32 a_u16=3392 a_i16=-8000 a_u32=300000 a_i32=-300000 a_u64=400000 a_i64=-400000 flag=false");
        // EOF stays EOF with no events.
        CHECK(h->api().next_batch(h->state(), inst->raw(), &n, &evts) == SS_PLUGIN_EOF);
        CHECK(n == 0);
    }

    TEST_CASE("a layout with 200 members round-trips") {
        Host h(WIDE_PLUGIN);
        h.init();
        auto events = h.open()->read_all();
        REQUIRE(events.size() == 1);
        static const char* types[] = {"u8",   "i8",      "u16",     "i16",  "u32",  "i32",    "u64",  "i64",
                                      "bool", "abstime", "reltime", "ipv4", "ipv6", "string", "bytes"};
        std::string expected = "wide";
        for (int k = 0; k < 200; ++k) {
            const std::string t = types[k % 15];
            expected += " m" + std::to_string(k) + "=";
            char buf[64];
            if (t == "u8" || t == "u16" || t == "u32" || t == "u64")
                expected += std::to_string(k);
            else if (t[0] == 'i' && t != "ipv4" && t != "ipv6")
                expected += std::to_string(-(k % 100));
            else if (t == "bool")
                expected += k % 2 ? "true" : "false";
            else if (t == "abstime") {
                std::snprintf(buf, sizeof buf, "1970-01-01T00:00:00.%09dZ", k);
                expected += buf;
            } else if (t == "reltime")
                expected += std::to_string(k) + "ns";
            else if (t == "ipv4")
                expected += "10.0.0." + std::to_string(k);
            else if (t == "ipv6") {
                std::snprintf(buf, sizeof buf, "fe80::%x", k);
                expected += buf;
            } else if (t == "string")
                expected += "s" + std::to_string(k);
            else {
                std::snprintf(buf, sizeof buf, "%02x", k);
                expected += buf;
            }
        }
        CHECK(h.event_to_string(events[0]) == expected);
        // Every truncation of it is reported, never read past.
        const auto& bytes = events[0].bytes();
        const std::vector<uint8_t> payload(bytes.begin() + 38, bytes.end());
        for (size_t cut = 0; cut < payload.size(); cut += 7) {
            std::vector<uint8_t> p(payload.begin(), payload.begin() + static_cast<long>(cut));
            RawText r = raw_to_string(h, make_event(p));
            REQUIRE(r.text != nullptr);
            CHECK(std::string(r.text).rfind("<malformed event: ", 0) == 0);
        }
    }
}  // TEST_SUITE limits

// ---------------------------------------------------------------------------------------------
TEST_SUITE("config") {
    TEST_CASE("a 1 MiB config is parsed whole") {
        const std::string greeting(1 << 20, 'g');
        auto h = robust(R"({"greeting": ")" + greeting + R"("})");
        auto events = h->open("greeting")->read_all();
        REQUIRE(events.size() == 1);
        CHECK(h->event_to_string(events[0]) == "text body=" + greeting);
    }

    TEST_CASE("config values reach the struct; every bad value names its path") {
        auto h = robust(R"({"batch_size": 3, "ratio": 1, "word": "xyz", "tags": ["a", "b"],
                        "peers": [{"host": "h1"}, {"host": "h2", "port": 80}],
                        "tls": {"enabled": true, "client": {"cert_file": "c.pem"}}})");
        auto events = h->open("config")->read_all();
        REQUIRE(events.size() == 1);
        CHECK(
            h->event_to_string(events[0]) ==
            "text body=batch=3 ratio=1.000000 word=xyz tags=a,b peers=h1:443,h2:80 tls=true cert=c.pem greeting_size=2");

        // Straight through the ABI (no host-side schema validation): the plugin defends itself.
        Host raw(robust_plugin());
        auto init_error = [&](const std::string& config) {
            ss_plugin_init_input in{};
            in.config = config.c_str();
            ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
            ss_plugin_t* s = raw.api().init(&in, &rc);
            REQUIRE(s != nullptr);
            std::string e = rc == SS_PLUGIN_SUCCESS ? "(success)" : raw.api().get_last_error(s);
            raw.api().destroy(s);
            return e;
        };
        CHECK(init_error("") == "(success)");
        CHECK(init_error("  \n") == "(success)");
        CHECK(init_error("{") == "plugin_init: init config: not valid JSON");
        CHECK(init_error("[1]") == "plugin_init: init config: /: expected a JSON object, got array");
        CHECK(init_error(R"({"batch_size": 0})") ==
              "plugin_init: init config: /batch_size: value 0 is less than minimum 1");
        CHECK(init_error(R"({"batch_size": 1.5})") ==
              "plugin_init: init config: /batch_size: expected an integer, got a fractional number");
        CHECK(init_error(R"({"batch_size": 18446744073709551615})") ==
              "plugin_init: init config: /batch_size: integer out of range");
        CHECK(init_error(R"({"batch_size": 1e300})") ==
              "plugin_init: init config: /batch_size: expected an integer, got a fractional number");
        CHECK(init_error(R"({"ratio": "x"})") == "plugin_init: init config: /ratio: expected a number, got string");
        CHECK(init_error(R"({"word": "ABC"})") ==
              "plugin_init: init config: /word: string does not match pattern ^[a-z]+$");
        CHECK(init_error(R"({"tags": ["123456789"]})") ==
              "plugin_init: init config: /tags/0: string longer than 8 characters");
        CHECK(init_error(R"({"peers": [{}]})") == "plugin_init: init config: /peers/0/host: missing required property");
        CHECK(init_error(R"({"peers": [{"host": "a", "port": 0}]})") ==
              "plugin_init: init config: /peers/0/port: value 0 is less than minimum 1");
        CHECK(init_error(R"({"tls": {"client": {"cert_file": 3}}})") ==
              "plugin_init: init config: /tls/client/cert_file: expected a string, got number");
        CHECK(init_error(R"({"tls": {"x": 1}})") ==
              "plugin_init: init config: /tls/x: unknown property (expected enabled, client)");
        CHECK(init_error(R"({"throw_in": "nowhere"})") ==
              "plugin_init: init config: /throw_in: value is not one of the allowed values");
        CHECK(init_error(std::string("{\"greeting\": \"a\0b\"}", 17)) ==
              "plugin_init: init config: not valid JSON");  // a C string: cut at the NUL
        // 1 MiB of nesting: a clear error, no stack overflow.
        CHECK(init_error(std::string(1 << 20, '[')) == "plugin_init: init config: not valid JSON");
        CHECK(init_error(std::string(1 << 19, '[') + std::string(1 << 19, ']')) ==
              "plugin_init: init config: /: expected a JSON object, got array");
        std::string deep_object;
        for (int i = 0; i < 100000; ++i) deep_object += R"({"tls":)";
        deep_object += "1" + std::string(100000, '}');
        CHECK(init_error(deep_object) ==
              "plugin_init: init config: /tls/tls: unknown property (expected enabled, client)");
    }
}  // TEST_SUITE config
