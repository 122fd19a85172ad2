// Fields bound to a parameter of a kernel event (`param: openat_x.name`):
//
//   param_field<ParamBind<&kernel::OpenatX::name>, ParamBind<&kernel::OpenX::name>>
//
// Each binding names an accessor of a generated typed view
// (falcogen/kernel_view.hpp); the first whose event the event is gives the
// value. An event of another type, a parameter the event lacks, or a value
// the field type cannot hold (add_value: a negative integer in a uint64
// field) is "no value".
#pragma once

#include <optional>

#include "falcogen/detail/fields.hpp"
#include "falcogen/kernel_view.hpp"

namespace falcogen::detail {

template <typename M>
struct accessor_of;
template <typename V, typename T>
struct accessor_of<std::optional<T> (V::*)() const> {
    using view = V;
};

template <auto kAccessor>
struct ParamBind {
    using View = typename accessor_of<decltype(kAccessor)>::view;

    // False when the event is not View's (the next binding may match).
    static bool extract(const EventCore& event, ExtractResults& out) {
        const std::optional<View> view = event.view<View>();
        if (!view) return false;
        if (const auto value = ((*view).*kAccessor)()) add_value(out, *value);
        return true;
    }
};

template <typename... Binds>
void param_field(const ExtractContext& ctx, const FieldSpec&) {
    (Binds::extract(ctx.event, ctx.results) || ...);
}

}  // namespace falcogen::detail
