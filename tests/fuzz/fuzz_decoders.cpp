// Fuzz target: the runtime's decoders, with no plugin around them.
// Byte 0 picks the decoder; the rest is its input, in a heap buffer of exactly
// that size so ASan sees any read past it.
//   0: parse_plugin_event + ScapEvent::parse on an event whose len is the buffer size
//   1: a wire::Reader driven by op codes (every member type, lengths up to 2^32-1)
//   2: read_layout_header, then a round trip of what was read through the writer
//   3: the text forms (abstime, reltime, ipv4/6, bytes) of arbitrary values
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "falcogen/detail/plugin_event.hpp"
#include "falcogen/detail/wire.hpp"
#include "falcogen/scap_event.hpp"
#include "falcogen/text.hpp"
#include "fuzz_common.hpp"

namespace {

void fuzz_envelope(const uint8_t* data, size_t size) {
    // The host guarantees len bytes: the buffer is max(26, size) bytes and len says so.
    std::vector<uint8_t> evt(std::max<size_t>(size, 26), 0);
    if (size) std::memcpy(evt.data(), data, size);
    const uint32_t len = static_cast<uint32_t>(evt.size());
    std::memcpy(evt.data() + 16, &len, 4);
    auto* e = reinterpret_cast<const ss_plugin_event*>(evt.data());
    falcogen::detail::PluginEventView view;
    if (falcogen::detail::parse_plugin_event(e, view) == nullptr) {
        FUZZ_CHECK(view.payload == evt.data() + 38, "payload not at 38");
        FUZZ_CHECK(38 + static_cast<size_t>(view.payload_size) == evt.size(), "payload size %u", view.payload_size);
    }
    falcogen::ScapEvent scap;
    if (scap.parse(e)) {
        size_t total = 0;
        for (uint32_t i = 0; i < scap.nparams(); ++i) {
            falcogen::ByteView p;
            FUZZ_CHECK(scap.param(i, p), "param %u", i);
            FUZZ_CHECK(p.data >= evt.data() && p.data + p.size <= evt.data() + evt.size(), "param %u outside", i);
            if (p.size) total ^= p.data[0] ^ p.data[p.size - 1];  // touch both ends
        }
        falcogen::ByteView none;
        FUZZ_CHECK(!scap.param(scap.nparams(), none), "param past nparams");
        (void)total;
    }
}

void fuzz_reader(const uint8_t* data, size_t size) {
    if (size == 0) return;
    const size_t nops = std::min<size_t>(data[0], size - 1);
    const uint8_t* ops = data + 1;
    const uint8_t* body = data + 1 + nops;
    const size_t body_size = size - 1 - nops;
    std::vector<uint8_t> buf(body, body + body_size);
    const uint8_t* begin = buf.data();
    const uint8_t* end = begin + buf.size();
    falcogen::detail::wire::Reader in(begin, buf.size());
    for (size_t i = 0; i < nops; ++i) {
        const size_t before = in.remaining();
        bool ok = false;
        switch (ops[i] % 12) {
            case 0: {
                uint8_t v;
                ok = in.get(v);
                break;
            }
            case 1: {
                int16_t v;
                ok = in.get(v);
                break;
            }
            case 2: {
                uint32_t v;
                ok = in.get(v);
                break;
            }
            case 3: {
                int64_t v;
                ok = in.get(v);
                break;
            }
            case 4: {
                bool v;
                ok = in.get(v);
                break;
            }
            case 5: {
                falcogen::Ipv4 v;
                ok = in.get(v);
                break;
            }
            case 6: {
                falcogen::Ipv6 v;
                ok = in.get(v);
                break;
            }
            case 7: {
                std::string_view v;
                ok = in.get(v);
                if (ok) {
                    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
                    FUZZ_CHECK(p >= begin && p + v.size() < end, "string outside the buffer");
                    FUZZ_CHECK(p[v.size()] == 0, "string not NUL-terminated");
                    FUZZ_CHECK(before - in.remaining() == 4 + v.size() + 1, "string consumed badly");
                }
                break;
            }
            case 8: {
                falcogen::ByteView v;
                ok = in.get(v);
                if (ok) {
                    FUZZ_CHECK(v.size == 0 || (v.data >= begin && v.data + v.size <= end), "bytes outside the buffer");
                    FUZZ_CHECK(before - in.remaining() == 4 + v.size, "bytes consumed badly");
                }
                break;
            }
            case 9: {
                falcogen::detail::wire::LayoutHeader h;
                ok = falcogen::detail::wire::read_layout_header(in, h) == nullptr;
                if (ok) FUZZ_CHECK(h.tag != 0, "tag 0 accepted");
                break;
            }
            case 10: {
                uint16_t v;
                ok = in.get(v);
                break;
            }
            default: {
                double v;
                ok = in.get(v);
                break;
            }
        }
        FUZZ_CHECK(in.remaining() <= before, "reader moved backwards");
        if (!ok && ops[i] % 12 != 9) FUZZ_CHECK(in.position() <= end, "position past the end");
    }
    FUZZ_CHECK(in.position() >= begin && in.position() <= end, "position outside the buffer");
}

void fuzz_header_roundtrip(const uint8_t* data, size_t size) {
    std::vector<uint8_t> buf(data, data + size);
    falcogen::detail::wire::Reader in(buf.data(), buf.size());
    falcogen::detail::wire::LayoutHeader h;
    if (falcogen::detail::wire::read_layout_header(in, h) != nullptr) {
        FUZZ_CHECK(size < 4 || (buf[0] == 0 && buf[1] == 0), "header refused: size %zu", size);
        return;
    }
    // What remains, as a string and as bytes, re-encoded and decoded again.
    const std::string_view s(reinterpret_cast<const char*>(in.position()), in.remaining());
    std::vector<uint8_t> out(falcogen::detail::wire::kLayoutHeaderSize + falcogen::detail::wire::size(s) +
                             falcogen::detail::wire::size(falcogen::ByteView(s.data(), s.size())));
    uint8_t* p = falcogen::detail::wire::put(out.data(), h.tag);
    p = falcogen::detail::wire::put(p, h.member_count);
    p = falcogen::detail::wire::put(p, s);
    p = falcogen::detail::wire::put(p, falcogen::ByteView(s.data(), s.size()));
    FUZZ_CHECK(p == out.data() + out.size(), "encoded size mismatch");
    falcogen::detail::wire::Reader back(out.data(), out.size());
    falcogen::detail::wire::LayoutHeader h2;
    std::string_view s2;
    falcogen::ByteView b2;
    FUZZ_CHECK(falcogen::detail::wire::read_layout_header(back, h2) == nullptr && h2.tag == h.tag &&
                   h2.member_count == h.member_count,
               "header round trip");
    FUZZ_CHECK(back.get(s2) && s2 == s, "string round trip");
    FUZZ_CHECK(back.get(b2) && b2 == falcogen::ByteView(s.data(), s.size()), "bytes round trip");
    FUZZ_CHECK(back.remaining() == 0, "trailing bytes after the round trip");
}

void fuzz_text(const uint8_t* data, size_t size) {
    uint64_t v = 0;
    std::memcpy(&v, data, std::min<size_t>(size, 8));
    std::string out;
    falcogen::text::append(out, falcogen::AbsTime{v});
    FUZZ_CHECK(!out.empty() && out.size() < 64, "abstime text '%s'", out.c_str());
    out.clear();
    falcogen::text::append(out, falcogen::RelTime{v});
    FUZZ_CHECK(out == std::to_string(v) + "ns", "reltime text '%s'", out.c_str());
    falcogen::Ipv4 a;
    falcogen::Ipv6 b;
    std::memcpy(a.bytes.data(), data, std::min<size_t>(size, 4));
    std::memcpy(b.bytes.data(), data, std::min<size_t>(size, 16));
    out.clear();
    falcogen::text::append(out, a);
    FUZZ_CHECK(falcogen::parse_ipv4(out) == a, "ipv4 round trip '%s'", out.c_str());
    out.clear();
    falcogen::text::append(out, b);
    FUZZ_CHECK(falcogen::parse_ipv6(out) == b, "ipv6 round trip '%s'", out.c_str());
    out.clear();
    falcogen::text::append(out, falcogen::ByteView(data, size));
    FUZZ_CHECK(out.size() == (size <= 64 ? 2 * size : 128 + 3), "bytes text of %zu bytes is %zu chars", size,
               out.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t which = data[0];
    ++data;
    --size;
    switch (which % 4) {
        case 0: fuzz_envelope(data, size); break;
        case 1: fuzz_reader(data, size); break;
        case 2: fuzz_header_roundtrip(data, size); break;
        default: fuzz_text(data, size); break;
    }
    return 0;
}
