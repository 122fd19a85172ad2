// Parsing: plugin_parse_event.
#include <falcogen/host/host.hpp>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

void Host::parse_event(const HostEvent& evt) {
    require_init("parse_event");
    if (!(caps_ & CAP_PARSING)) fail("plugin " + name_ + " has no event parsing capability");
    const std::string src = source_for(*this, evt);
    const ss_plugin_event_input in = event_input(evt, src);
    ss_plugin_event_parse_input pin{};
    pin.owner = this;
    pin.get_owner_last_error = &Host::owner_last_error;
    detail::TableCall call(table_owner_.get());
    pin.table_reader = detail::by_value(call.reader);
    pin.table_writer = call.writer;
    pin.table_reader_ext = &call.reader;
    pin.table_writer_ext = &call.writer;
    ss_plugin_rc rc = api_.parse_event(state_, &in, &pin);
    if (rc != SS_PLUGIN_SUCCESS) fail(err_prefix() + "parse_event failed: " + plugin_error());
}

}  // namespace falcogen::host
