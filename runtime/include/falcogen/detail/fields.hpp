// Field extraction: the table a plugin's generated code fills (one FieldSpec
// per field, in field_id order) and the extractors its entries point at.
//
//   member_field<Event, Bind<&Layout::member, index>...>  a layout member's value
//   computed_field<&PluginBase::extract_x>                 the author's method
//   json_field                                             a JSON pointer into the document
//
// The runtime's extraction loop (plugin_extract_fields) calls them; how a
// value of each C++ type becomes a field value is the add_value overload set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/event.hpp"
#include "falcogen/detail/results.hpp"
#include "falcogen/text.hpp"
#include "falcogen/types.hpp"

namespace falcogen::detail {

class PluginRoot;

// What one extraction request works with.
struct ExtractContext {
    PluginRoot& plugin;
    const EventCore& event;
    ExtractResults& results;
    const ss_plugin_extract_field& request;
};

struct FieldSpec;
using Extractor = void (*)(const ExtractContext&, const FieldSpec&);
// A plain field's extractor on the fast path (one value, into reserved room).
using PlainExtractor = void (*)(const EventCore&, ExtractResults&);

// Field flags, as the manifest declares them.
enum FieldFlag : uint32_t {
    kList = 1,  // a list field: every element is a value
    kArgRequired = 2,  // no value without an argument
    kArgIndex = 4,  // the argument is a number (arg_index)
    kArgKey = 8,  // the argument is a key (arg_key)
    kComputed = 16,  // the author's method: FALCOGEN_PLUGIN may call it by name (direct_fields.hpp)
};

template <typename Event, typename... Binds>
struct MemberField;

struct FieldSpec {
    constexpr FieldSpec(uint32_t type, Extractor extractor, uint32_t field_flags = 0, const char* pointer = nullptr)
        : ftype(type), extract(extractor), flags(field_flags), json_pointer(pointer) {}
    // A member field, as the table names it (&member_field<Event, Binds...>).
    template <typename Event, typename... Binds>
    constexpr FieldSpec(uint32_t type, const MemberField<Event, Binds...>*, uint32_t field_flags = 0)
        : FieldSpec(type, &MemberField<Event, Binds...>::extract, field_flags) {
        if constexpr (MemberField<Event, Binds...>::kPlainKind) {
            is_plain = field_flags == 0;  // one value: no list, no argument
            if (is_plain) plain = &MemberField<Event, Binds...>::extract_plain;
        }
    }

    uint32_t ftype;  // ss_plugin_field_type
    Extractor extract;
    uint32_t flags;  // FieldFlag bits
    const char* json_pointer;  // json_field: RFC 6901 pointer ("" is the whole document)
    // Set for a plain field: a member field of one value whose members are
    // all read as is. It calls nothing and throws nothing, so it runs outside
    // the exception barrier, on the fast path of extraction (extract.hpp).
    PlainExtractor plain = nullptr;
    bool is_plain = false;  // (what compile-time tests read: not every compiler folds a function's address)
};

// The argument of an extraction request, as the host passed it.
inline FieldArg field_arg(const ss_plugin_extract_field& request) {
    FieldArg arg;
    arg.present = request.arg_present != 0;
    arg.index = request.arg_index;
    if (request.arg_key != nullptr) arg.key = request.arg_key;
    return arg;
}

// ---- Member fields ------------------------------------------------------------------

// A layout member's value as a field value; false for "no value".
// Strings are NUL-terminated inside the event (the wire format puts the NUL).
// `Out` is the results, or their reserved room on the fast path
// (ExtractResults::Reserved) for the types kPlainValue names.
template <typename Out>
bool add_value(Out& out, std::string_view v) {
    out.add(v.data());
    return true;
}
template <typename Out>
bool add_value(Out& out, bool v) {
    out.add(v);
    return true;
}
template <typename Out, typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>, int> = 0>
bool add_value(Out& out, Int v) {
    if constexpr (std::is_signed_v<Int>) {
        if (v < 0) return false;  // a uint64 field has no negative values
    }
    out.add(static_cast<uint64_t>(v));
    return true;
}
template <typename Out>
bool add_value(Out& out, AbsTime v) {
    return add_value(out, v.ns);
}
template <typename Out>
bool add_value(Out& out, RelTime v) {
    return add_value(out, v.ns);
}
inline bool add_value(ExtractResults& out, const Ipv4& v) {
    out.add(IpAddress(v));
    return true;
}
inline bool add_value(ExtractResults& out, const Ipv6& v) {
    out.add(IpAddress(v));
    return true;
}

template <typename M>
struct member_of;
template <typename L, typename T>
struct member_of<T L::*> {
    using layout = L;
    using type = T;
};

// Member types whose add_value stores one value and nothing else (no owned
// storage, no call): a plain field reads these.
template <typename T>
constexpr bool kPlainValue = std::is_integral_v<T> || std::is_same_v<T, std::string_view> ||
                             std::is_same_v<T, AbsTime> || std::is_same_v<T, RelTime>;

// Calls add(layout, value) with member kIndex of the event's layout L when the
// event carries it. False when the event has another layout (the next
// binding may match); true when it is this layout, member or not (an older
// event, without the member, has no value).
template <auto kMember, uint16_t kIndex, typename Event, typename Add>
FALCOGEN_INLINE bool with_member(const Event& event, Add&& add) {
    using Layout = typename member_of<decltype(kMember)>::layout;
    const Layout* layout = event.template as<Layout>();
    if (layout == nullptr) return false;
    if (layout->members_present > kIndex) add(layout->*kMember);
    return true;
}

// A field bound to member `index` of a layout (`from: layout.member`).
template <auto kMember, uint16_t kIndex>
struct Bind {
    static constexpr bool kPlain = kPlainValue<typename member_of<decltype(kMember)>::type>;
    template <typename Event, typename Out>
    static bool extract(const Event& event, Out& out) {
        return with_member<kMember, kIndex>(event, [&](const auto& value) {
            if (!add_value(out, value)) return;
            if constexpr (Event::kOffsets) {
                const wire::ValueSpan span = wire::value_span(value);
                const auto start = static_cast<uint32_t>(event.member_position(kIndex) - event.base()) + span.skip;
                out.set_offset(start, span.length);
            }
        });
    }
};

// A string field bound to a member of another type: the member's text, as
// falcogen::text::append writes it (no value offsets: the text is not in the event).
template <auto kMember, uint16_t kIndex>
struct TextBind {
    static constexpr bool kPlain = false;  // the text goes to owned storage
    template <typename Event>
    static bool extract(const Event& event, ExtractResults& out) {
        return with_member<kMember, kIndex>(event, [&](const auto& value) {
            std::string& text = out.scratch<std::string>();
            text::append(text, value);
            out.add_scratch(text);
        });
    }
};

// A field bound to members (`from:`), one binding per layout that has it.
// The generated table names it &member_field<Event, Binds...>, from which
// FieldSpec takes the extractor and whether the field is plain.
template <typename Event, typename... Binds>
struct MemberField {
    FALCOGEN_INLINE static void extract(const ExtractContext& ctx, const FieldSpec&) {
        const auto& event = static_cast<const Event&>(ctx.event);
        (Binds::extract(event, ctx.results) || ...);
    }
    FALCOGEN_INLINE static void extract_plain(const EventCore& core, ExtractResults& results) {
        const auto& event = static_cast<const Event&>(core);
        ExtractResults::Reserved out = results.reserved();
        (Binds::extract(event, out) || ...);
    }
    // Members read as is (each binding adds at most one value: the first
    // layout that matches), of events that the fast path decodes
    // (Event::kUsualPath): extract_plain serves such a field of one value.
    static constexpr bool kPlainKind = (Binds::kPlain && ...) && Event::kUsualPath;
};
template <typename Event, typename... Binds>
inline constexpr MemberField<Event, Binds...> member_field{};

// ---- Computed fields ----------------------------------------------------------------

template <typename M>
struct method_of;
template <typename P, typename E, typename T>
struct method_of<bool (P::*)(const E&, T&)> {
    using plugin = P;
    using event = E;
    using out = T;
    static constexpr bool kTakesArg = false;
};
template <typename P, typename E, typename T>
struct method_of<bool (P::*)(const E&, const FieldArg&, T&)> : method_of<bool (P::*)(const E&, T&)> {
    static constexpr bool kTakesArg = true;
};
// The same methods called by name through a function of the generated
// DirectFields<P> (the author's class P, where the call is not virtual).
template <typename E, typename T>
struct method_of<bool (*)(PluginRoot&, const E&, T&)> : method_of<bool (PluginRoot::*)(const E&, T&)> {};
template <typename E, typename T>
struct method_of<bool (*)(PluginRoot&, const E&, const FieldArg&, T&)>
    : method_of<bool (PluginRoot::*)(const E&, const FieldArg&, T&)> {};

// The author's method over `event` (the Event, or a decoded layout).
template <auto kMethod>
FALCOGEN_INLINE void call_computed(const ExtractContext& ctx,
                                   const typename method_of<decltype(kMethod)>::event& event) {
    using Method = method_of<decltype(kMethod)>;
    auto& plugin = static_cast<typename Method::plugin&>(ctx.plugin);
    auto& out = ctx.results.scratch<typename Method::out>();
    bool has_value;
    if constexpr (!std::is_member_function_pointer_v<decltype(kMethod)>) {
        if constexpr (Method::kTakesArg) {
            has_value = kMethod(plugin, event, field_arg(ctx.request), out);
        } else {
            has_value = kMethod(plugin, event, out);
        }
    } else if constexpr (Method::kTakesArg) {
        has_value = (plugin.*kMethod)(event, field_arg(ctx.request), out);
    } else {
        has_value = (plugin.*kMethod)(event, out);
    }
    if (has_value) ctx.results.add_scratch(out);
}

template <auto kMethod>
FALCOGEN_INLINE void computed_field(const ExtractContext& ctx, const FieldSpec&) {
    using Method = method_of<decltype(kMethod)>;
    call_computed<kMethod>(ctx, static_cast<const typename Method::event&>(ctx.event));
}

// `computed: true` with `layout:`: the method sees the decoded layout, and
// events of another layout (or malformed ones) have no value.
template <typename Event, auto kMethod>
FALCOGEN_INLINE void layout_computed_field(const ExtractContext& ctx, const FieldSpec&) {
    using Layout = typename method_of<decltype(kMethod)>::event;
    const Layout* layout = static_cast<const Event&>(ctx.event).template as<Layout>();
    if (layout != nullptr) call_computed<kMethod>(ctx, *layout);
}

// ---- JSON fields --------------------------------------------------------------------

// Follows spec.json_pointer in the event's document (parsed once per event),
// then the field's argument when it has one (an index into an array, or a
// key of an object), and adds the value if it converts to the field's type.
void json_field(const ExtractContext& ctx, const FieldSpec& spec);

}  // namespace falcogen::detail
