// The text of events (plugin_event_to_string): the layout is decoded, then
// written by the author's to_string or as the default text, into the
// plugin's text::Out. Included by make_plugin.hpp: FALCOGEN_PLUGIN binds the
// author's class to its text here.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "falcogen/detail/compiler.hpp"
#include "falcogen/detail/layout.hpp"
#include "falcogen/detail/roots.hpp"
#include "falcogen/text.hpp"

namespace falcogen::detail {

// PluginBase declares two virtual to_string per layout: (const L&, text::Out&),
// the one called, and (const L&, std::string&), the form authors wrote first.
// The first's default calls the second, whose default is the default text.
template <typename Plugin, typename... Layouts>
const char* render(PluginRoot& plugin, const uint8_t* data, size_t size, text::Out& out) {
    auto& author = static_cast<Plugin&>(plugin);
    return decode_event<Layouts...>(data, size, [&](const auto& layout) { author.to_string(layout, out); });
}

// The default of to_string(const L&, text::Out&): the std::string form's
// text (not copied when it is all the text).
template <typename Plugin, typename L>
void text_via_string(Plugin& plugin, const L& layout, text::Out& out) {
    plugin.to_string(layout, out.scratch());
    out.take_scratch();
}

// The class of Author that declares the to_string(const L&, Out&) Author's
// name lookup finds (Author's own, a base's, PluginBase's); void when that is
// not one member function (hidden, ambiguous, private): then only the
// virtual call is sure to reach the right one.
template <typename L, typename Out>
struct ToStringOf {
    template <typename C>
    static C owner(void (C::*)(const L&, Out&));
};
template <typename Author, typename L, typename Out, typename = void>
struct ToStringOwner {
    using type = void;
};
template <typename Author, typename L, typename Out>
struct ToStringOwner<Author, L, Out, std::void_t<decltype(ToStringOf<L, Out>::owner(&Author::to_string))>> {
    using type = decltype(ToStringOf<L, Out>::owner(&Author::to_string));
};

// The text of `layout` as Author's class makes it, with no virtual call
// where the overrides are known: the author's text::Out form, else the
// std::string form, else the default text, written in place.
template <typename Author, typename Base, typename L>
FALCOGEN_INLINE void author_text(Author& author, const L& layout, text::Out& out) {
    using OutOwner = typename ToStringOwner<Author, L, text::Out>::type;
    using StringOwner = typename ToStringOwner<Author, L, std::string>::type;
    if constexpr (std::is_void_v<OutOwner>) {
        static_cast<Base&>(author).to_string(layout, out);
    } else if constexpr (!std::is_same_v<OutOwner, Base>) {
        author.OutOwner::to_string(layout, out);
    } else if constexpr (std::is_void_v<StringOwner>) {
        static_cast<Base&>(author).to_string(layout, out);
    } else if constexpr (!std::is_same_v<StringOwner, Base>) {
        author.StringOwner::to_string(layout, out.scratch());
        out.take_scratch();
    } else {
        append_default_text(layout, out);
    }
}

template <typename Author, typename Base, typename... Layouts>
FALCOGEN_FLATTEN const char* render_author(PluginRoot& plugin, const uint8_t* data, size_t size, text::Out& out) {
    auto& author = static_cast<Author&>(plugin);
    return decode_event<Layouts...>(data, size,
                                    [&](const auto& layout) { author_text<Author, Base>(author, layout, out); });
}

template <typename... Layouts>
struct LayoutList {};
template <typename Author, typename Base, typename... Layouts>
constexpr TextRender author_render(LayoutList<Layouts...>) {
    return &render_author<Author, Base, Layouts...>;
}

// Called by FALCOGEN_PLUGIN's make_plugin for the author's class: a plugin
// with a source (its PluginBase names its layouts) renders events with it.
template <typename Author, typename Base, typename = void>
struct TextBinding {
    static void bind(Base&) {}
};
template <typename Author, typename Base>
struct TextBinding<Author, Base, std::void_t<typename Base::TextLayouts>> {
    static void bind(Base& plugin) {
        plugin.set_text_render_root(author_render<Author, Base>(typename Base::TextLayouts{}));
    }
};

}  // namespace falcogen::detail
