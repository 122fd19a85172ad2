// Helpers of the test kit's source files (not installed).
#pragma once

#include <falcogen/host/error.hpp>

#include "tables_internal.hpp"

namespace falcogen::host::detail {

// Runs a test-kit operation under the table lock; a refused operation becomes
// a HostError with the message a plugin would read.
template <typename F>
auto kit_call(F&& f) {
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    try {
        return f();
    } catch (const TableError& e) {
        throw HostError(e.what());
    }
}

// The field's description, or TableError when the table has none by that name.
TableFieldInfo field_info(TableBase& t, TableOwner& o, const std::string& name);

}  // namespace falcogen::host::detail
