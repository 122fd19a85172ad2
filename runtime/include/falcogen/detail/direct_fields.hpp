// Computed fields called by name. The generated table of fields names the
// author's methods as virtual methods of PluginBase: it is compiled before the
// author's class exists. FALCOGEN_PLUGIN(P), in the author's file, knows P:
// the generated DirectFields<P> lists the same fields with P's methods called
// by name (inlined when P is final), and this header makes their extractors,
// which the fast path of extraction calls instead (extract.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "falcogen/detail/extract_field.hpp"
#include "falcogen/detail/roots.hpp"

namespace falcogen::detail {

// Calls a computed field's method of the author's class P by name, with
// `call` (a generic lambda naming it): through P when P's method is
// reachable (inlined when P is final), else through Base's virtual method
// (an override that is private in P, or hidden by another overload).
template <typename P, typename Base, typename Call, typename... Args>
FALCOGEN_INLINE bool call_by_name(PluginRoot& plugin, Call call, Args&... args) {
    if constexpr (std::is_invocable_v<Call&, P&, Args&...>) {
        return call(static_cast<P&>(plugin), args...);
    } else {
        return call(static_cast<Base&>(plugin), args...);
    }
}

template <const auto& kSpecs, size_t kId>
constexpr DirectExtractor direct_extractor() {
    if constexpr ((kSpecs[kId].flags & kComputed) != 0) {
        return &extract_decoded<kSpecs, kId>;
    } else {
        return nullptr;  // not computed: the generated table's extractor serves it
    }
}

template <const auto& kSpecs, size_t... kIds>
constexpr auto direct_extractors(std::index_sequence<kIds...>) {
    return std::array<DirectExtractor, sizeof...(kIds)>{direct_extractor<kSpecs, kIds>()...};
}

// The extractors of kSpecs (DirectFields<P>::kSpecs), by field_id.
template <const auto& kSpecs>
inline constexpr auto kDirectExtractors =
    direct_extractors<kSpecs>(std::make_index_sequence<sizeof(kSpecs) / sizeof(kSpecs[0])>());

}  // namespace falcogen::detail
