// The plugin-independent half of the event that extraction decodes.
#include "falcogen/detail/event.hpp"

#include <mutex>
#include <set>
#include <string>

#include "falcogen/detail/plugin_event.hpp"

namespace falcogen::detail {

const ScapEvent& EventCore::scap() const {
    if (!scap_parsed_) {
        scap_.parse(static_cast<const ss_plugin_event*>(last_));
        scap_parsed_ = true;
    }
    return scap_;
}

void EventCore::decode_new(const ss_plugin_event_input* input) {
    error_ = decode_envelope(input);
    const char* payload_error = decode_payload(error_ == nullptr ? payload_ : nullptr, payload_size_);
    if (error_ == nullptr) error_ = payload_error;
}

namespace {

// Texts made once and kept for the plugin's life (a set never moves its
// strings); bounded by the number of layouts and members.
const char* keep(std::string text) {
    static std::mutex mutex;
    static std::set<std::string> texts;
    std::lock_guard<std::mutex> lock(mutex);
    return texts.insert(std::move(text)).first->c_str();
}

}  // namespace

const char* member_error(const char* layout, const char* member) {
    return keep(std::string("truncated or malformed member '") + member + "' of layout '" + layout + "'");
}

const char* trailing_error(const char* layout) {
    return keep(std::string("trailing bytes after the last member of layout '") + layout + "'");
}

}  // namespace falcogen::detail
