// Host-owned copies of scap plugin events (PPME_PLUGINEVENT_E = 322).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <falcogen/abi/plugin_api.h>

namespace falcogen::host {

// A read-only view over bytes (C++17 has no std::span).
struct ByteSpan {
    const uint8_t* data = nullptr;
    size_t size = 0;

    const uint8_t* begin() const { return data; }
    const uint8_t* end() const { return data + size; }
    bool empty() const { return size == 0; }
    std::string str() const { return std::string(reinterpret_cast<const char*>(data), size); }
};

// Where things are in a scap event, from the ABI's declarations (the host
// shares only those with the runtime): the header, then nparams parameter
// lengths (u32 for plugin and async events), then the parameters.
constexpr size_t kEventHeaderSize = sizeof(ss_plugin_event);
constexpr size_t kOffTs = offsetof(ss_plugin_event, ts);
constexpr size_t kOffTid = offsetof(ss_plugin_event, tid);
constexpr size_t kOffLen = offsetof(ss_plugin_event, len);
constexpr size_t kOffType = offsetof(ss_plugin_event, type);
constexpr size_t kOffNparams = offsetof(ss_plugin_event, nparams);
// The u32 length of parameter i of a plugin (322) or async (402) event.
constexpr size_t param_len_offset(size_t i) {
    return kEventHeaderSize + 4 * i;
}
// 322: plugin_id and event_data follow the 2 lengths.
constexpr size_t kPluginEventPayloadOffset = param_len_offset(2) + 4;
static_assert(kPluginEventPayloadOffset == FALCOGEN_PLUGIN_EVENT_PAYLOAD_OFFSET, "plugin event layout");
// 402: plugin_id, the NUL-terminated name and the data follow the 3 lengths.
constexpr size_t kAsyncPluginIdOffset = param_len_offset(3);
constexpr size_t kAsyncNameOffset = kAsyncPluginIdOffset + 4;

// Events are not aligned: every field is copied.
template <typename T>
T load(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
template <typename T>
void store(uint8_t* p, T v) {
    std::memcpy(p, &v, sizeof(T));
}
constexpr uint16_t kPluginEventType = FALCOGEN_PPME_PLUGINEVENT_E;
constexpr uint16_t kAsyncEventType = FALCOGEN_PPME_ASYNCEVENT_E;

// One event, copied out of plugin memory into the host's (plugin memory is
// only valid until the next plugin_next_batch), with its event number.
class HostEvent {
public:
    HostEvent() = default;
    HostEvent(std::vector<uint8_t> bytes, uint64_t evtnum, std::string source = {})
        : bytes_(std::move(bytes)), evtnum_(evtnum), source_(std::move(source)) {}

    // Encodes a well-formed 322 event (ts, tid -1, plugin_id, payload): handy to
    // feed extraction-only plugins or to build expectations in tests.
    static HostEvent make_plugin_event(uint32_t plugin_id, const void* payload, uint32_t payload_len, uint64_t ts,
                                       uint64_t evtnum = 1, std::string source = {});
    static HostEvent make_plugin_event(uint32_t plugin_id, const std::string& payload, uint64_t ts, uint64_t evtnum = 1,
                                       std::string source = {});

    const std::vector<uint8_t>& bytes() const { return bytes_; }
    uint64_t evtnum() const { return evtnum_; }
    // The event source name ("" = unknown: the host then assumes the event is
    // compatible with every plugin). Instance sets it to the plugin's source.
    const std::string& source() const { return source_; }
    void set_source(std::string s) { source_ = std::move(s); }
    const ss_plugin_event* header() const { return reinterpret_cast<const ss_plugin_event*>(bytes_.data()); }

    uint64_t ts() const;
    uint64_t tid() const;
    uint32_t len() const;
    uint16_t type() const;
    uint32_t nparams() const;
    bool is_plugin_event() const { return type() == kPluginEventType; }
    // For 322 events (checked by the host): the plugin_id parameter.
    uint32_t plugin_id() const;
    // For 322 events: the event_data parameter (bytes 38..len).
    ByteSpan payload() const;
    std::string payload_str() const { return payload().str(); }

private:
    std::vector<uint8_t> bytes_;
    uint64_t evtnum_ = 0;
    std::string source_;
};

// Checks one event as returned by plugin_next_batch and copies it into a
// HostEvent, applying the host's fix-ups (plugin_id 0 -> plugin_id, ts
// UINT64_MAX -> now_ns, tid -> (uint64)-1). Throws HostError on any violation.
// The caller guarantees `evt` is non-NULL; at most evt->len bytes are read and
// only after the header checks passed.
HostEvent check_and_copy_event(const ss_plugin_event* evt, uint32_t plugin_id, uint64_t evtnum, uint64_t now_ns);

// Wall clock in ns since the epoch.
uint64_t now_ns();

// "2024-05-01T12:00:00.000000001Z"
std::string format_iso8601_ns(uint64_t ts_ns);

}  // namespace falcogen::host
