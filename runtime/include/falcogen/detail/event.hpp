// The event that plugin_extract_fields hands to the plugin, decoded once for
// all the fields extracted from it. The generated `Event` class derives from
// EventOf<plugin ID, value offsets, layouts...> and adds one as_<layout>()
// accessor per layout; computed fields receive it.
//
// EventCore is the plugin-independent half (compiled once, in the runtime
// library): the envelope, the decode cache, the scap view. LayoutEvent and
// JsonEvent decode the plugin's own event_data.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/layout.hpp"
#include "falcogen/detail/plugin_event.hpp"
#include "falcogen/kernel_view.hpp"
#include "falcogen/scap_event.hpp"

namespace falcogen::detail {

struct AsyncSpec;  // detail/async.hpp

class EventCore {
public:
    EventCore(const EventCore&) = delete;
    EventCore& operator=(const EventCore&) = delete;
    virtual ~EventCore() = default;

    // Decodes `input`: a no-op when it is the event decoded last (same
    // pointer and number), so each event is decoded once for all its fields.
    void decode(const ss_plugin_event_input* input) {
        if (!is_current(input)) decode_new(input);
    }
    bool is_current(const ss_plugin_event_input* input) const {
        return input != nullptr && static_cast<const void*>(input->evt) == base_ && input->evtnum == evtnum_ &&
               base_ != nullptr;
    }
    // decode(), with the payload decoder of Self (the plugin's Event) called
    // directly and inlined: extraction's per-event path, without the vtable.
    template <typename Self>
    FALCOGEN_INLINE void decode_as(const ss_plugin_event_input* input) {
        if (is_current(input)) return;
        uint32_t size = 0;
        const char* error = nullptr;
        const uint8_t* data = usual_envelope<Self::kPluginId>(input, size);
        if (data == nullptr) {
            error = check_envelope(input);
            data = error == nullptr ? payload_ : nullptr;
            size = payload_size_;
        }
        const char* payload_error = static_cast<Self*>(this)->Self::decode_payload(data, size);
        error_ = error != nullptr ? error : payload_error;
    }

    // decode_as() for the usual event only, without calling anything (the
    // fast path of extraction): true when `input` is the current event or a
    // usual one, now decoded; false leaves it to decode_as (the event is then
    // not current: nothing half-decoded stays).
    template <typename Self>
    FALCOGEN_INLINE bool decode_usual_as(const ss_plugin_event_input* input) {
        if (is_current(input)) return true;
        uint32_t size;
        const uint8_t* data = usual_envelope<Self::kPluginId>(input, size);
        if (data == nullptr) return false;
        if (!static_cast<Self*>(this)->Self::decode_usual_payload(data, size)) {
            base_ = nullptr;
            return false;
        }
        error_ = nullptr;
        return true;
    }

    uint64_t evtnum() const { return evtnum_; }
    // The header's thread id (-1 for plugin events) and type; -1 and 0 without an event.
    int64_t tid() const { return base_ != nullptr ? static_cast<int64_t>(load<uint64_t>(base_, kTidOffset)) : -1; }
    uint16_t type() const { return base_ != nullptr ? load<uint16_t>(base_, kTypeOffset) : 0; }
    // The event's source name as the host gives it ("syscall", "k8s_audit", ...).
    std::string_view source() const { return source_ != nullptr ? source_ : ""; }
    // Any event, parameter by parameter (for events of other sources, such as
    // syscalls). Parsed on first use: plugin events never need it.
    const ScapEvent& scap() const;
    // The event as a typed view of a kernel event (a generated kernel::<Name>
    // class), or std::nullopt when it is another event (falcogen/kernel_view.hpp).
    template <typename View>
    std::optional<View> view() const {
        return view_of<View>(scap());
    }
    // Why the event is not one of this plugin's layouts, or nullptr.
    const char* error() const { return error_; }
    // The name of this plugin's async event (402) being decoded, or "" for any other event.
    std::string_view async_name() const {
        return type() == FALCOGEN_PPME_ASYNCEVENT_E ? async_name_ : std::string_view();
    }
    // Async events of these names (plugin_init sets it for plugins with `async:`)
    // are decoded too: their payload is one of the plugin's layouts.
    void accept_async(const AsyncSpec* spec) { async_ = spec; }

    // Where the event starts and its event_data (for offsets and JSON fields):
    // what check_envelope found for the event, or for a usual event (whose
    // identity check_envelope did not see), where a plugin event keeps it.
    const uint8_t* base() const { return base_; }
    const uint8_t* payload() const { return careful() ? payload_ : base_ + kPluginPayloadOffset; }
    uint32_t payload_size() const {
        return careful() ? payload_size_
                         : load<uint32_t>(base_, kLenOffset) - static_cast<uint32_t>(kPluginPayloadOffset);
    }

protected:
    // plugin_id: the plugin whose events these are; 0 accepts any plugin's
    // events (plugins that extract from another plugin's source).
    explicit EventCore(uint32_t plugin_id) : plugin_id_(plugin_id) {}
    // Decodes the plugin's event_data; returns nullptr or what is wrong.
    // Called with nullptr when the event has none of this plugin's data: the
    // previous event's layout is then forgotten.
    virtual const char* decode_payload(const uint8_t* data, uint32_t size) = 0;

private:
    void decode_new(const ss_plugin_event_input* input);
    // Checks that the event is a plugin event of plugin kId (any plugin's
    // when it is 0), in straight lines, and keeps its identity: its payload
    // and `size`; nullptr (and nothing kept) for anything else: an async
    // event, a malformed one.
    template <uint32_t kId>
    FALCOGEN_INLINE const uint8_t* usual_envelope(const ss_plugin_event_input* input, uint32_t& size) {
        const auto* base =
            input != nullptr ? static_cast<const uint8_t*>(static_cast<const void*>(input->evt)) : nullptr;
        if (FALCOGEN_UNLIKELY(base == nullptr)) return nullptr;
        // Checks combined without branches between them, in two steps: the
        // parameter lengths (and the plugin ID after them) exist only once
        // the header says there are two parameters and enough bytes.
        const auto len = load<uint32_t>(base, kLenOffset);
        const bool header = (load<uint16_t>(base, kTypeOffset) == FALCOGEN_PPME_PLUGINEVENT_E) &
                            (load<uint32_t>(base, kNparamsOffset) == 2) & (len >= kPluginPayloadOffset);
        if (FALCOGEN_UNLIKELY(!header)) return nullptr;
        const bool params = (load<uint32_t>(base, kPluginIdLenOffset) == 4) &
                            (load<uint32_t>(base, kDataLenOffset) == len - kPluginPayloadOffset) &
                            (kId == 0 || load<uint32_t>(base, kPluginIdOffset) == kId);
        if (FALCOGEN_UNLIKELY(!params)) return nullptr;
        // Three stores: payload() finds the payload where a plugin event
        // keeps it; storing it too cost the one-member plugin 5-10%.
        base_ = base;
        evtnum_ = input->evtnum;
        source_ = input->evtsrc;
        size = len - static_cast<uint32_t>(kPluginPayloadOffset);
        return base + kPluginPayloadOffset;
    }
    // Whether check_envelope, not usual_envelope, saw the current event.
    bool careful() const { return careful_of_ == base_ && careful_evtnum_ == evtnum_; }
    // Keeps the event's identity and checks its envelope, whatever the event:
    // nullptr, or what is wrong (plugin_id_ 0 accepts any plugin's events).
    const char* check_envelope(const ss_plugin_event_input* input);

    // An async event of this plugin (a name of async_): its name and payload; nullptr, or why not.
    const char* decode_async();

    uint32_t plugin_id_;
    const AsyncSpec* async_ = nullptr;
    std::string_view async_name_;
    uint64_t evtnum_ = 0;
    const char* source_ = nullptr;
    const char* error_ = nullptr;
    const uint8_t* base_ = nullptr;
    // check_envelope's payload, of the event at careful_of_ numbered careful_evtnum_.
    const uint8_t* payload_ = nullptr;
    uint32_t payload_size_ = 0;
    const uint8_t* careful_of_ = nullptr;
    uint64_t careful_evtnum_ = 0;
    // scap_ is the parse of the event at scap_of_ numbered scap_evtnum_ (made
    // on first use, so decoding an event stores nothing for it).
    mutable ScapEvent scap_;
    mutable const uint8_t* scap_of_ = nullptr;
    mutable uint64_t scap_evtnum_ = 0;
};

// One decoded layout of an event; LayoutEvent holds one per layout.
template <typename L>
struct LayoutSlot {
    L layout;
};

constexpr uint16_t max_of() {
    return 1;
}
template <typename... Counts>
constexpr uint16_t max_of(uint16_t first, Counts... rest) {
    const uint16_t others = max_of(rest...);
    return first > others ? first : others;
}

template <bool kValueOffsets, typename... Layouts>
class LayoutEvent : public EventCore, private LayoutSlot<Layouts>... {
public:
    static constexpr bool kOffsets = kValueOffsets;
    // Extraction may decode with decode_usual_as (not with value offsets,
    // whose positions only the careful path records).
    static constexpr bool kUsualPath = !kValueOffsets;

    // The event as layout L, or nullptr when it has another layout.
    template <typename L>
    const L* as() const {
        return tag_ == L::kTag ? &static_cast<const LayoutSlot<L>&>(*this).layout : nullptr;
    }
    // Position of member i's encoding in the event (for value offsets).
    const uint8_t* member_position(uint16_t i) const { return where_[i]; }

protected:
    explicit LayoutEvent(uint32_t plugin_id) : EventCore(plugin_id) {}

private:
    friend class EventCore;  // decode_as calls decode_payload directly
    FALCOGEN_INLINE const char* decode_payload(const uint8_t* data, uint32_t size) final {
        if (data != nullptr && decode_usual_payload(data, size)) return nullptr;
        return decode_careful(data, size);
    }
    // The current version of one of the layouts, whole (not with value
    // offsets, whose positions only the careful path records).
    FALCOGEN_INLINE bool decode_usual_payload(const uint8_t* data, uint32_t size) {
        if constexpr (kValueOffsets) {
            return false;
        } else {
            return (decode_usual<Layouts>(data, size) || ...);
        }
    }
    // The usual event: the current version of layout L, whole (the header
    // read as two constants, the members by decode_all_members).
    template <typename L>
    FALCOGEN_INLINE bool decode_usual(const uint8_t* data, uint32_t size) {
        constexpr size_t kMin = wire::kLayoutHeaderSize + min_after<L>()[0];
        if (size < kMin) return false;
        const bool current = (load<uint16_t>(data, 0) == L::kTag) & (load<uint16_t>(data, 2) == L::kMemberCount);
        if (!current) return false;
        wire::Reader in(data + wire::kLayoutHeaderSize, size - wire::kLayoutHeaderSize);
        if (!decode_all_members(in, static_cast<LayoutSlot<L>&>(*this).layout)) return false;
        tag_ = L::kTag;
        return true;
    }
    // Any payload (older or newer versions, malformed ones), step by step.
    FALCOGEN_NOINLINE const char* decode_careful(const uint8_t* data, uint32_t size) {
        tag_ = 0;
        if (data == nullptr) return nullptr;
        wire::Reader in(data, size);
        wire::LayoutHeader header;
        if (const char* error = wire::read_layout_header(in, header)) return error;
        const char* error = "unknown layout tag";
        (void)(decode_if<Layouts>(in, header, error) || ...);  // no layouts: an empty fold
        if (error == nullptr) tag_ = header.tag;
        return error;
    }
    // Decodes the payload as layout L if the header names it.
    template <typename L>
    FALCOGEN_INLINE bool decode_if(wire::Reader& in, const wire::LayoutHeader& header, const char*& error) {
        if (header.tag != L::kTag) return false;
        error =
            decode_layout<kValueOffsets>(in, header.member_count, static_cast<LayoutSlot<L>&>(*this).layout, where_);
        return true;
    }

    uint16_t tag_ = 0;  // the layout decoded, 0 for none
    const uint8_t* where_[kValueOffsets ? max_of(Layouts::kMemberCount...) : 1] = {};
};

// A plugin whose events carry one JSON document: the document, and its
// parse (made once per event, on first use, by the fields that read it).
class JsonEventCore : public EventCore {
public:
    ~JsonEventCore() override;
    // The document, checked (once per event) and NUL-terminated, or nullptr
    // when the event has none or it is not valid JSON.
    const void* json() const;
    // Scratch text for the walks of JSON fields (unescaped keys).
    std::string& scratch() const;

protected:
    explicit JsonEventCore(uint32_t plugin_id);
    const char* decode_payload(const uint8_t* data, uint32_t size) override;
    std::string_view document_;
    bool has_document_ = false;

private:
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

template <typename Doc>
class JsonEvent : public JsonEventCore {
public:
    static constexpr bool kOffsets = false;
    static constexpr bool kUsualPath = false;  // the document's cache is reset by a call

    template <typename L>
    const L* as() const {
        static_assert(std::is_same_v<L, Doc>, "a JSON plugin has one layout");
        return has_document_ ? &doc_ : nullptr;
    }

protected:
    explicit JsonEvent(uint32_t plugin_id) : JsonEventCore(plugin_id) {}

private:
    friend class EventCore;
    const char* decode_payload(const uint8_t* data, uint32_t size) final {
        JsonEventCore::decode_payload(data, size);
        doc_.document = document_;
        return nullptr;
    }

    Doc doc_;
};

template <uint32_t kPluginIdArg, bool kValueOffsets, typename... Layouts>
struct EventBase : LayoutEvent<kValueOffsets, Layouts...> {
    static constexpr uint32_t kPluginId = kPluginIdArg;
    EventBase() : LayoutEvent<kValueOffsets, Layouts...>(kPluginIdArg) {}
};
template <uint32_t kPluginIdArg, typename... Doc>  // one Doc: variadic only to be named by EventOf
struct JsonEventBase : JsonEvent<Doc...> {
    static constexpr uint32_t kPluginId = kPluginIdArg;
    JsonEventBase() : JsonEvent<Doc...>(kPluginIdArg) {}
};

// The base of a plugin's generated Event class: a JSON event when the only
// layout is a JSON one, else a layout event.
template <uint32_t kPluginId, bool kValueOffsets, typename... Layouts>
using EventOf = std::conditional_t<(is_json_layout<Layouts>::value || ...), JsonEventBase<kPluginId, Layouts...>,
                                   EventBase<kPluginId, kValueOffsets, Layouts...>>;

}  // namespace falcogen::detail
