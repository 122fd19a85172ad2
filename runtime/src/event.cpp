// The plugin-independent half of the event that extraction decodes.
#include "falcogen/detail/event.hpp"

#include <mutex>
#include <set>
#include <string>

#include "falcogen/detail/async.hpp"
#include "falcogen/detail/plugin_event.hpp"

namespace falcogen::detail {

const ScapEvent& EventCore::scap() const {
    if (scap_of_ != base_ || scap_evtnum_ != evtnum_) {
        scap_.parse(reinterpret_cast<const ss_plugin_event*>(base_));
        scap_of_ = base_;
        scap_evtnum_ = evtnum_;
    }
    return scap_;
}

const char* EventCore::check_envelope(const ss_plugin_event_input* input) {
    base_ = input != nullptr ? reinterpret_cast<const uint8_t*>(input->evt) : nullptr;
    evtnum_ = input != nullptr ? input->evtnum : 0;
    source_ = input != nullptr ? input->evtsrc : nullptr;
    payload_ = nullptr;
    payload_size_ = 0;
    careful_of_ = base_;
    careful_evtnum_ = evtnum_;
    if (base_ == nullptr) return "no event";
    const uint16_t type = load<uint16_t>(base_, kTypeOffset);
    if (type == FALCOGEN_PPME_ASYNCEVENT_E && async_ != nullptr) return decode_async();
    if (type != FALCOGEN_PPME_PLUGINEVENT_E) return "not a plugin event";
    PluginEventView view;
    if (const char* error = parse_plugin_event(input->evt, view)) return error;
    if (plugin_id_ != 0 && view.plugin_id != plugin_id_) return "an event of another plugin";
    payload_ = view.payload;
    payload_size_ = view.payload_size;
    return nullptr;
}

void EventCore::decode_new(const ss_plugin_event_input* input) {
    error_ = check_envelope(input);
    const char* payload_error = decode_payload(error_ == nullptr ? payload_ : nullptr, payload_size_);
    if (error_ == nullptr) error_ = payload_error;
}

const char* EventCore::decode_async() {
    async_name_ = {};
    // header (26) | 3 u32 lengths | plugin_id u32 | name NUL | data
    const uint32_t len = load<uint32_t>(base_, kLenOffset);
    constexpr uint32_t kParams = 26 + 12;
    if (load<uint32_t>(base_, kNparamsOffset) != 3 || len < kParams + 4) return "a malformed async event";
    const uint32_t l0 = load<uint32_t>(base_, 26), l1 = load<uint32_t>(base_, 30), l2 = load<uint32_t>(base_, 34);
    if (l0 != 4 || l1 == 0 || uint64_t(kParams) + l0 + l1 + l2 != len) return "a malformed async event";
    const uint32_t plugin_id = load<uint32_t>(base_, kParams);
    const auto* name = reinterpret_cast<const char*>(base_ + kParams + 4);
    if (name[l1 - 1] != '\0') return "a malformed async event";
    if (plugin_id_ != 0 && plugin_id != plugin_id_) return "an async event of another plugin";
    const std::string_view view(name);
    for (size_t i = 0; i < async_->event_count; ++i) {
        if (view != async_->events[i].name) continue;
        async_name_ = view;
        if (async_->events[i].layout_tag == 0) return "an async event without a layout";
        payload_ = base_ + kParams + 4 + l1;
        payload_size_ = l2;
        return nullptr;
    }
    return "an async event of another plugin";
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
