// The generic codec of layouts: encoding, decoding and default text of any
// generated layout struct, written once here and instantiated per layout.
//
// A binary layout struct L describes itself:
//   L::kTag, L::kName, L::kMemberCount
//   L::members(self, visit)   calls visit(member, "name") for each member, in wire order
//   L::members_present        how many members a decoded event carried
// A JSON layout struct (L::kJson) holds its document as `document`.
// The member types' knowledge is in the overload sets of detail/wire.hpp
// (size, put, Reader::get) and falcogen/text.hpp (text::append).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/detail/wire.hpp"
#include "falcogen/text.hpp"

namespace falcogen::detail {

// Decoding failures as static-lifetime text: "truncated or malformed member
// 'M' of layout 'L'" and "trailing bytes after the last member of layout 'L'".
// Each text is made once (the first time it is needed) and kept.
const char* member_error(const char* layout, const char* member);
const char* trailing_error(const char* layout);
constexpr const char* kUnknownTag =
    "unknown layout tag (an event of another plugin, or of a newer version of this one?)";

template <typename L, typename = void>
struct is_json_layout : std::false_type {};
template <typename L>
struct is_json_layout<L, std::void_t<decltype(L::kJson)>> : std::bool_constant<L::kJson> {};

// ---- Encoding -----------------------------------------------------------------------

template <typename L>
size_t encoded_size(const L& layout) {
    size_t n = wire::kLayoutHeaderSize;
    L::members(layout, [&n](const auto& member, const char*) { n += wire::size(member); });
    return n;
}

template <typename L>
uint8_t* encode(const L& layout, uint8_t* out) {
    out = wire::put(out, L::kTag);
    out = wire::put(out, L::kMemberCount);
    L::members(layout, [&out](const auto& member, const char*) { out = wire::put(out, member); });
    return out;
}

inline uint8_t* encode_json(std::string_view document, uint8_t* out) {
    if (!document.empty()) std::memcpy(out, document.data(), document.size());
    return out + document.size();
}

// ---- Decoding -----------------------------------------------------------------------

// kMinAfter[i]: the fewest bytes members i.. of layout L take (wire::min_size).
template <typename L>
constexpr std::array<size_t, L::kMemberCount + 1> min_after() {
    std::array<size_t, L::kMemberCount + 1> sizes{};
    L sample{};
    size_t i = 0;
    L::members(sample, [&](const auto& member, const char*) { sizes[i++] = wire::min_size(member); });
    for (size_t j = L::kMemberCount; j-- > 0;) sizes[j] += sizes[j + 1];
    return sizes;
}

// The name of member `index` of layout L (for messages: the cold path).
template <typename L>
const char* member_name(const L& layout, uint16_t index) {
    const char* found = "";
    uint16_t i = 0;
    L::members(layout, [&](const auto&, const char* name) {
        if (i++ == index) found = name;
    });
    return found;
}

// The usual event, of this version of the plugin: every member, no
// per-member bookkeeping. One bounds check for all the members' minimal
// sizes, then only the lengths that strings and bytes announce are checked.
// False (and `in` as it was) for anything else: the careful pass of
// decode_layout then names the culprit.
template <typename L>
FALCOGEN_INLINE bool decode_all_members(wire::Reader& in, L& out) {
    constexpr auto kMinAfter = min_after<L>();
    if (in.remaining() < kMinAfter[0]) return false;
    const wire::Reader start = in;
    bool ok = true;
    size_t i = 0;
    L::members(out, [&](auto& member, const char*) { ok &= in.get_reserving(member, kMinAfter[++i]); });
    if (ok && in.remaining() == 0) {
        out.members_present = L::kMemberCount;
        return true;
    }
    in = start;
    return false;
}

// Decodes the members that follow the layout header into `out`. Returns
// nullptr, or what is wrong; never reads past the reader's end. An event of
// an older version of the plugin carries fewer members (the missing ones read
// as absent); one of a newer version may carry more, which are skipped.
// With kWhere, `where` receives the position of each member's encoding.
// (L::members is inlined: the per-event path is a straight line of reads.)
template <bool kWhere = false, typename L>
FALCOGEN_INLINE const char* decode_layout(wire::Reader& in, uint16_t member_count, L& out,
                                          const uint8_t** where = nullptr) {
    if constexpr (!kWhere) {
        if (member_count == L::kMemberCount && decode_all_members(in, out)) return nullptr;
    }
    const uint16_t present = member_count < L::kMemberCount ? member_count : L::kMemberCount;
    out.members_present = present;
    uint16_t decoded = 0;
    bool ok = true;
    L::members(out, [&](auto& member, const char*) {
        if (!ok || decoded == present) return;
        if constexpr (kWhere) where[decoded] = in.position();
        ok = in.get(member);
        decoded += ok ? 1 : 0;
    });
    if (!ok) return member_error(L::kName, member_name(out, decoded));
    if (member_count <= L::kMemberCount && in.remaining() != 0) return trailing_error(L::kName);
    return nullptr;
}

// Decodes a plugin event's event_data as whichever of `Layouts` its tag
// names, and calls visit(layout). Returns nullptr, or what is wrong.
template <typename... Layouts, typename Visit>
const char* decode_event(const uint8_t* data, size_t size, Visit&& visit) {
    if constexpr ((is_json_layout<Layouts>::value || ...)) {
        static_assert(sizeof...(Layouts) == 1, "a JSON layout is the only layout of its plugin");
        visit(Layouts{std::string_view(reinterpret_cast<const char*>(data), size)}...);
        return nullptr;
    } else {
        wire::Reader in(data, size);
        wire::LayoutHeader header;
        if (const char* error = wire::read_layout_header(in, header)) return error;
        const char* error = kUnknownTag;
        auto attempt = [&](auto layout) {
            if (header.tag != decltype(layout)::kTag) return false;
            error = decode_layout(in, header.member_count, layout);
            if (error == nullptr) visit(layout);
            return true;
        };
        (attempt(Layouts{}) || ...);
        return error;
    }
}

// ---- Text ---------------------------------------------------------------------------

// The default text's pieces, one member at a time (named, not lambdas, to be
// forced inline: the per-member code is then a straight line, and a member's
// name a literal whose length folds to a constant).
struct TextRoom {
    size_t& room;
    template <typename M>
    FALCOGEN_INLINE void operator()(const M& member, const char* name) const {
        room += 2 + std::char_traits<char>::length(name) + text::max_length(member);  // " name=value"
    }
};
struct TextMember {
    text::Writer& out;
    uint16_t present;
    uint16_t index = 0;
    template <typename M>
    FALCOGEN_INLINE void operator()(const M& member, const char* name) {
        if (index++ >= present) return;
        out.push_back(' ');
        out.append(name, std::char_traits<char>::length(name));
        out.push_back('=');
        text::append(out, member);
    }
};

// The most text of "layout member=value ...": constants but for strings' lengths.
template <typename L>
FALCOGEN_INLINE size_t default_text_room(const L& layout) {
    size_t room = std::char_traits<char>::length(L::kName);
    L::members(layout, TextRoom{room});
    return room;
}
template <typename L>
FALCOGEN_INLINE char* write_default_text(const L& layout, char* at) {
    text::Writer writer(at);
    writer.append(L::kName, std::char_traits<char>::length(L::kName));
    L::members(layout, TextMember{writer, layout.members_present});
    return writer.position();
}

// "layout member=value ...": what event_to_string shows unless the author's
// to_string says otherwise. The most text the members can make is summed
// first, so the members are then written in place, each as it comes, with no
// check or call per piece: straight into the event's text::Out, or (the
// std::string form of to_string) through text::Sized.
template <typename L>
FALCOGEN_INLINE void append_default_text(const L& layout, text::Out& out) {
    if constexpr (is_json_layout<L>::value) {
        out.append(layout.document.data(), layout.document.size());
    } else {
        out.commit(write_default_text(layout, out.room(default_text_room(layout))));
    }
}
template <typename L>
void append_default_text(const L& layout, std::string& out) {
    if constexpr (is_json_layout<L>::value) {
        out.append(layout.document);
    } else {
        text::Sized text(out, default_text_room(layout));
        text::Writer writer = text.writer();
        writer.advance_to(write_default_text(layout, writer.position()));
        text.finish(writer);
    }
}

}  // namespace falcogen::detail
