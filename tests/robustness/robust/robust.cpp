// Author side of the `robust` test plugin (tests/robustness, tests/fuzz).
// The config's throw_in names the author callback that throws, throw_kind
// what it throws; the open params choose what the capture emits:
//   count:N    N events cycling through the layouts scalars, net, blob, text
//   text:T     one `text` event whose body is T (the rest of the params)
//   big:N      one `text` event with a body of N 'x'
//   batch:N    N `scalars` events in one next_batch call, then EOF
//   toolarge   one event whose encoded size exceeds the 4 GiB limit
//   fail:M     open fails with message M
//   greeting   one `text` event whose body is the config's greeting
//   config     one `text` event describing the parsed config
#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>

#include "plugin.gen.hpp"

namespace robust {

namespace {

[[noreturn]] void throw_now(const Config& config, const char* where) {
    const std::string what = std::string("injected failure in ") + where;
    if (config.throw_kind == "other") throw 42;
    if (config.throw_kind == "error") throw falcogen::Error(what);
    throw std::runtime_error(what);
}

void maybe_throw(const Config& config, const char* where) {
    if (config.throw_in == where) throw_now(config, where);
}

uint64_t parse_number(std::string_view text, std::string_view params) {
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        throw falcogen::Error("expected a number in open params '" + std::string(params.substr(0, 64)) + "'");
    }
    return n;
}

// A layout-like type whose encoded size is past the 4 GiB event limit: the
// batch must refuse it before allocating or encoding anything.
struct TooLarge {
    size_t encoded_size() const { return std::numeric_limits<uint32_t>::max() - 37; }
    uint8_t* encode(uint8_t*) const { throw std::logic_error("TooLarge::encode must never run"); }
};

enum class Mode { count, text, batch, toolarge, idle };

class Capture final : public InstanceBase {
public:
    Capture(const Config& config, Mode mode, uint64_t total, std::string body)
        : config_(config), mode_(mode), total_(total), body_(std::move(body)) {}

    // close: the instance's destructor (plugin_close runs it).
    ~Capture() override { maybe_throw(config_, "close"); }

    falcogen::NextResult next_batch(falcogen::EventBatch& batch) override {
        maybe_throw(config_, "next_batch");
        switch (mode_) {
            case Mode::text:
                batch.add(Text{body_}, 1000);
                emitted_ = total_;
                return falcogen::NextResult::eof;
            case Mode::toolarge: batch.add(TooLarge{}); return falcogen::NextResult::eof;
            case Mode::idle:  // ok with no event, then timeout, then one event and eof
                if (++emitted_ == 1) return falcogen::NextResult::ok;
                if (emitted_ == 2) return falcogen::NextResult::timeout;
                batch.add(Text{"awake"});
                return falcogen::NextResult::eof;
            case Mode::batch:
                while (emitted_ < total_) add_event(batch, ++emitted_);
                return falcogen::NextResult::eof;
            case Mode::count: break;
        }
        while (emitted_ < total_ && batch.size() < static_cast<uint64_t>(config_.batch_size)) {
            add_event(batch, ++emitted_);
        }
        return emitted_ < total_ ? falcogen::NextResult::ok : falcogen::NextResult::eof;
    }

    double progress(std::string& text) override {
        maybe_throw(config_, "progress");
        text = std::to_string(emitted_) + "/" + std::to_string(total_);
        return total_ == 0 ? 1.0 : static_cast<double>(emitted_) / static_cast<double>(total_);
    }

private:
    void add_event(falcogen::EventBatch& batch, uint64_t i) {
        const uint64_t ts = 1000 + i;
        const auto n = static_cast<int64_t>(i);
        if (mode_ == Mode::batch || i % 4 == 1) {
            Scalars e;
            e.a_u8 = static_cast<uint8_t>(i);
            e.a_i8 = static_cast<int8_t>(-(n % 128));
            e.a_u16 = static_cast<uint16_t>(i * 2);
            e.a_i16 = static_cast<int16_t>(-2 * (n % 16000));
            e.a_u32 = static_cast<uint32_t>(i * 3);
            e.a_i32 = static_cast<int32_t>(-3 * n);
            e.a_u64 = i * 4;
            e.a_i64 = -4 * n;
            e.flag = i % 2 == 1;
            batch.add(e, ts);
        } else if (i % 4 == 2) {
            Net e;
            e.v4 = falcogen::parse_ipv4("10.0.0." + std::to_string(i % 256));
            e.v6.bytes[15] = static_cast<uint8_t>(i);
            e.v6.bytes[0] = 0xfe;
            e.v6.bytes[1] = 0x80;
            e.at = 1772359200000000000ULL + i;
            e.took = i * 1000;
            batch.add(e, ts);
        } else if (i % 4 == 3) {
            const uint8_t raw[3] = {0xde, 0xad, static_cast<uint8_t>(i)};
            batch.add(Blob{config_.greeting, falcogen::ByteView(raw, 3), static_cast<uint32_t>(i)}, ts);
        } else {
            const std::string body = config_.greeting + "#" + std::to_string(i);
            batch.add(Text{body}, ts);
        }
    }

    const Config& config_;
    const Mode mode_;
    const uint64_t total_;
    const std::string body_;
    uint64_t emitted_ = 0;
};

std::string describe(const Config& c) {
    std::string out =
        "batch=" + std::to_string(c.batch_size) + " ratio=" + std::to_string(c.ratio) + " word=" + c.word + " tags=";
    for (size_t i = 0; i < c.tags.size(); ++i) out += (i ? "," : "") + c.tags[i];
    out += " peers=";
    for (size_t i = 0; i < c.peers.size(); ++i) {
        out += (i ? "," : "") + c.peers[i].host + ":" + std::to_string(c.peers[i].port);
    }
    out += std::string(" tls=") + (c.tls.enabled ? "true" : "false");
    out += " cert=" + c.tls.client.cert_file.value_or("-");
    out += " greeting_size=" + std::to_string(c.greeting.size());
    return out;
}

class Plugin final : public PluginBase {
public:
    explicit Plugin(const Config& config) : config_(config) { maybe_throw(config, "init"); }
    ~Plugin() override { maybe_throw(config_, "destroy"); }

    std::unique_ptr<InstanceBase> open(std::string_view params) override {
        maybe_throw(config_, "open");
        const size_t colon = params.find(':');
        const std::string_view verb = params.substr(0, colon);
        const std::string_view arg = colon == std::string_view::npos ? std::string_view() : params.substr(colon + 1);
        if (params.empty()) return std::make_unique<Capture>(config_, Mode::count, 10, "");
        if (verb == "count") return std::make_unique<Capture>(config_, Mode::count, parse_number(arg, params), "");
        if (verb == "text") return std::make_unique<Capture>(config_, Mode::text, 1, std::string(arg));
        if (verb == "big") {
            return std::make_unique<Capture>(config_, Mode::text, 1, std::string(parse_number(arg, params), 'x'));
        }
        if (verb == "batch") return std::make_unique<Capture>(config_, Mode::batch, parse_number(arg, params), "");
        if (verb == "toolarge") return std::make_unique<Capture>(config_, Mode::toolarge, 1, "");
        if (verb == "idle") return std::make_unique<Capture>(config_, Mode::idle, 1, "");
        if (verb == "fail") throw falcogen::Error(std::string(arg));
        if (verb == "greeting") return std::make_unique<Capture>(config_, Mode::text, 1, config_.greeting);
        if (verb == "config") return std::make_unique<Capture>(config_, Mode::text, 1, describe(config_));
        std::string shown(params.substr(0, 40));
        if (params.size() > 40) shown += "...";
        throw falcogen::Error(
            "unknown open params '" + shown + "' (" + std::to_string(params.size()) +
            " bytes; expected count:N, text:T, big:N, batch:N, toolarge, idle, fail:M, greeting or config)");
    }

    void to_string(const Scalars& e, std::string& out) override { render(e, out); }
    void to_string(const Net& e, std::string& out) override { render(e, out); }
    void to_string(const Blob& e, std::string& out) override { render(e, out); }
    // The text::Out form: its exceptions cross no ABI either.
    void to_string(const Text& e, falcogen::text::Out& out) override { render(e, out); }

    // Computed fields; extract_robust_layout throws when throw_in is extract.
    bool extract_robust_layout(const Event& event, const falcogen::FieldArg& arg, std::string& out) override {
        maybe_throw(config_, "extract");
        if (event.error() != nullptr) return false;
        if (event.as_scalars())
            out = "scalars";
        else if (event.as_net())
            out = "net";
        else if (event.as_blob())
            out = "blob";
        else if (event.as_text())
            out = "text";
        else
            return false;
        if (arg.present) out.append("[").append(arg.key).append("]");
        return true;
    }
    bool extract_robust_digits(const Event& event, const falcogen::FieldArg& arg, std::vector<uint64_t>& out) override {
        if (event.error() != nullptr) return false;
        const uint64_t n = std::min<uint64_t>(arg.present ? arg.index : 4, event.payload_size());
        for (uint64_t i = 0; i < n; ++i) out.push_back(event.payload()[i]);
        return true;
    }
    bool extract_robust_net(const Event& event, falcogen::IpAddress& out) override {
        if (event.as_net() == nullptr) return false;
        out = falcogen::parse_ipv4("10.0.0.0");
        return true;
    }

private:
    // Private, as an override may be: DirectFields then calls it through
    // PluginBase's vtable (call_by_name), and it still has its values.
    bool extract_robust_present(const Event& event, bool& out) override {
        out = event.error() == nullptr;
        return true;
    }

    template <typename Layout, typename Out>
    void render(const Layout& e, Out& out) {
        maybe_throw(config_, "event_to_string");
        PluginBase::to_string(e, out);  // the default text
    }

    const Config& config_;
};

}  // namespace

#ifdef ROBUST_VIRTUAL_CALLS
// fg_robust_virtual: make_plugin by hand, so the computed fields are called
// through PluginBase's vtable (the runtime's path without DirectFields).
std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger&) {
    return std::make_unique<Plugin>(config);
}
#else
// fg_robust: the fast path of extraction calls the computed fields by name.
FALCOGEN_PLUGIN(Plugin)
#endif

}  // namespace robust
