// The Host's side of the state tables: its table owner (made after load, so
// the plugin's name and required API version are known) and the tables part
// of the plugin calls.
#include <cstdio>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

void Host::setup_tables() {
    registry_ = options_.tables != nullptr ? options_.tables : std::make_shared<TableRegistry>();
    unsigned major = 0, minor = 0, patch = 0;
    std::sscanf(required_api_version_.c_str(), "%u.%u.%u", &major, &minor, &patch);
    table_owner_ = std::make_unique<detail::TableOwner>(name_, this, &registry_->state(), minor, options_.verbose);
    table_owner_->error_sink = &owner_last_error_;
}

void Host::teardown_tables() {
    if (registry_ == nullptr) return;
    std::lock_guard<std::recursive_mutex> lock(detail::table_mutex());
    registry_->state().drop_tables_of(this);
}

size_t Host::held_table_entries() const {
    std::lock_guard<std::recursive_mutex> lock(detail::table_mutex());
    return table_owner_ != nullptr ? table_owner_->held_count() : 0;
}

namespace detail {

TableCall::TableCall(TableOwner* owner)
    : reader(reader_dispatch()), writer(writer_dispatch()), owner_(owner), previous_(nullptr) {
    if (owner_ != nullptr) previous_ = CallScope::swap_current(owner_);
}

TableCall::~TableCall() {
    if (owner_ == nullptr) return;
    CallScope::swap_current(previous_);
    std::lock_guard<std::recursive_mutex> lock(table_mutex());
    owner_->end_call();
}

}  // namespace detail
}  // namespace falcogen::host
