// Typed views of kernel events (libscap's PPME_* events, the `syscall`
// source). The generator writes one small class per kernel event a plugin
// reads (its code, and one accessor per parameter: index and C++ type, from
// the driver's event table); the reading is done here, once:
//
//   struct OpenatX : falcogen::KernelView {                  // generated
//       static constexpr uint16_t kCode = 307;
//       using KernelView::KernelView;
//       std::optional<int64_t> fd() const { return param<int64_t>(0); }
//       std::optional<std::string_view> name() const { return param<std::string_view>(2); }
//   };
//
// A parameter reads as std::nullopt when the event does not have it (an older
// driver wrote fewer parameters), or when its bytes are not a value of its
// type (a wrong size, a string without its NUL). Nothing is copied: strings
// and byte views point into the event.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>

#include "falcogen/scap_event.hpp"
#include "falcogen/types.hpp"

namespace falcogen {

// ---- read_param: a parameter's bytes as a value, one overload per C++ type ------------
// (the C++ types of kernel_events.PARAM_TYPES). False when the bytes do not
// hold a value of that type.

// Integers and double: exactly sizeof(T) bytes, host order (as the driver writes them).
template <typename T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
bool read_param(ByteView in, T& out) {
    if (in.size != sizeof(T) || in.data == nullptr) return false;
    std::memcpy(&out, in.data, sizeof(T));
    return true;
}
// PT_BOOL: 4 bytes, nonzero is true.
inline bool read_param(ByteView in, bool& out) {
    uint32_t v = 0;
    if (!read_param(in, v)) return false;
    out = v != 0;
    return true;
}
inline bool read_param(ByteView in, AbsTime& out) {
    uint64_t ns = 0;
    if (!read_param(in, ns)) return false;
    out = AbsTime(ns);
    return true;
}
inline bool read_param(ByteView in, RelTime& out) {
    uint64_t ns = 0;
    if (!read_param(in, ns)) return false;
    out = RelTime(ns);
    return true;
}
// Addresses: network byte order, as written.
inline bool read_param(ByteView in, Ipv4& out) {
    if (in.size != out.bytes.size() || in.data == nullptr) return false;
    std::memcpy(out.bytes.data(), in.data, out.bytes.size());
    return true;
}
inline bool read_param(ByteView in, Ipv6& out) {
    if (in.size != out.bytes.size() || in.data == nullptr) return false;
    std::memcpy(out.bytes.data(), in.data, out.bytes.size());
    return true;
}
// PT_CHARBUF, PT_FSPATH, PT_FSRELPATH: the text up to its NUL, without it. A
// parameter without a NUL is not a string (absent); an empty parameter is
// the empty string. So the view is always followed by a NUL.
inline bool read_param(ByteView in, std::string_view& out) {
    if (in.size == 0) {
        out = std::string_view("");
        return true;
    }
    const void* nul = std::memchr(in.data, 0, in.size);
    if (nul == nullptr) return false;
    out = std::string_view(reinterpret_cast<const char*>(in.data),
                           static_cast<size_t>(static_cast<const uint8_t*>(nul) - in.data));
    return true;
}
// Every other type (socket addresses, lists, ...): the bytes as they are.
inline bool read_param(ByteView in, ByteView& out) {
    out = in;
    return true;
}

// ---- The base of the generated views ------------------------------------------------

class KernelView {
public:
    explicit KernelView(const ScapEvent& event) : event_(&event) {}
    // The event underneath, for what the view does not name.
    const ScapEvent& scap() const { return *event_; }

protected:
    // Parameter i as T; std::nullopt when the event has no parameter i or its bytes are not a T.
    template <typename T>
    std::optional<T> param(uint32_t i) const {
        ByteView raw;
        T value{};
        if (!event_->param(i, raw) || !read_param(raw, value)) return std::nullopt;
        return value;
    }

private:
    const ScapEvent* event_;
};

// The event as view View (a generated class with kCode), or std::nullopt
// when it is another event or malformed.
template <typename View>
std::optional<View> view_of(const ScapEvent& event) {
    if (!event.valid() || event.type() != View::kCode) return std::nullopt;
    return View(event);
}
// A view points into the event: not of a temporary, which dies before the view.
template <typename View>
std::optional<View> view_of(const ScapEvent&& event) = delete;

}  // namespace falcogen
