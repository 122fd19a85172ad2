// One field alone in its extraction call, from the pieces of the plugin state
// it needs: what extract.hpp's paths and the author's DirectFields
// (direct_fields.hpp) share. Light on purpose: the author's file includes it.
#pragma once

#include <cstddef>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/barrier.hpp"
#include "falcogen/detail/fields.hpp"

namespace falcogen::detail {

// Field kId alone in its call: its type, flags and extractor are constants.
template <const auto& kFields, size_t kId>
FALCOGEN_INLINE void extract_alone(PluginRoot& plugin, ExtractResults& results, EventCore& event,
                                   ss_plugin_extract_field& field) {
    constexpr FieldSpec kField = kFields[kId];
    results.begin_one<kField.ftype>();
    // The argument is required: no value without it.
    if ((kField.flags & kArgRequired) == 0 || field.arg_present != 0) {
        kField.extract(ExtractContext{plugin, event, results, field}, kFields[kId]);
    }
    results.finish_one<kField.ftype>(field);
}

// Field kId of an event the fast path decoded, when it is not plain (a
// computed field, a field that converts or has several values): alone in
// its function, behind the barrier, so the plain fields' path keeps no frame
// and this one dispatches on the field id no second time.
template <const auto& kFields, size_t kId>
FALCOGEN_NOINLINE ss_plugin_rc extract_decoded(PluginRoot& plugin, ExtractResults& results, ErrorSlot& error,
                                               EventCore& event, ss_plugin_extract_field& field) {
    return guard(error, "plugin_extract_fields", [&] {
        extract_alone<kFields, kId>(plugin, results, event, field);
        return SS_PLUGIN_SUCCESS;
    });
}

}  // namespace falcogen::detail
