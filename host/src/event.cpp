// HostEvent: the host's copies of plugin events, and the rules every event of a batch is
// checked against before it is copied.
#include <falcogen/host/event.hpp>

#include <falcogen/host/error.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "platform/platform.hpp"

namespace falcogen::host {

namespace {

std::string malformed(const std::string& what) {
    return "malformed plugin event produced by plugin: " + what;
}

// An event of another type than 322 from a plugin with id 0 (the "syscall"
// source): only the parameter-length table must fit in len (u16 lens; the
// event table is not known to the host).
HostEvent copy_syscall_event(const uint8_t* raw, uint32_t len, uint16_t type, uint32_t nparams, uint64_t evtnum,
                             uint64_t now) {
    const uint64_t need = kEventHeaderSize + 2ull * nparams;
    if (need > len) {
        throw HostError(malformed("len " + std::to_string(len) + " is too short for the lengths of " +
                                  std::to_string(nparams) + " parameters of event type " + std::to_string(type)));
    }
    std::vector<uint8_t> bytes(raw, raw + len);
    if (load<uint64_t>(&bytes[kOffTs]) == UINT64_MAX) {
        store<uint64_t>(&bytes[kOffTs], now);
    }
    return HostEvent(std::move(bytes), evtnum);
}

// The parameters of a 322 event: 2 of them, a 4-byte plugin_id, an exact len.
void check_plugin_event_params(const uint8_t* raw, uint32_t len, uint32_t nparams) {
    if (nparams != 2) {
        throw HostError(malformed("nparams " + std::to_string(nparams) + " (expected 2 for event type 322)"));
    }
    if (len < kPluginEventPayloadOffset - 4) {
        throw HostError(malformed("len " + std::to_string(len) +
                                  " is too short for the 2 parameter lengths (need at least " +
                                  std::to_string(kPluginEventPayloadOffset - 4) + ")"));
    }
    const uint32_t id_len = load<uint32_t>(raw + param_len_offset(0));
    const uint32_t data_len = load<uint32_t>(raw + param_len_offset(1));
    if (id_len != 4) {
        throw HostError(malformed("plugin_id parameter length " + std::to_string(id_len) + " (expected 4)"));
    }
    const uint64_t expected = uint64_t(kEventHeaderSize) + 8 + 4 + uint64_t(data_len);
    if (expected != len) {
        throw HostError(malformed("len " + std::to_string(len) +
                                  " does not match 26+8+4+N = " + std::to_string(expected) +
                                  " (event_data length N=" + std::to_string(data_len) + ")"));
    }
}

// The plugin_id parameter of a 322 event copy: 0 becomes the plugin's id;
// another id is an error.
void set_plugin_id(std::vector<uint8_t>& bytes, uint32_t plugin_id) {
    const uint32_t evt_id = load<uint32_t>(&bytes[34]);
    if (evt_id == 0) {
        if (plugin_id == 0) {
            throw HostError("plugin event with no plugin ID: a plugin with id 0 cannot produce event type 322");
        }
        store<uint32_t>(&bytes[34], plugin_id);
    } else if (evt_id != plugin_id) {
        throw HostError("unexpected plugin ID in plugin event: " + std::to_string(evt_id) + " (the plugin's ID is " +
                        std::to_string(plugin_id) + ")");
    }
}

}  // namespace

uint64_t now_ns() {
    using namespace std::chrono;
    return static_cast<uint64_t>(duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count());
}

std::string format_iso8601_ns(uint64_t ts_ns) {
    time_t secs = static_cast<time_t>(ts_ns / 1000000000ull);
    uint64_t ns = ts_ns % 1000000000ull;
    struct tm tm {};
    platform::utc_time(secs, tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09lluZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<unsigned long long>(ns));
    return buf;
}

HostEvent HostEvent::make_plugin_event(uint32_t plugin_id, const void* payload, uint32_t payload_len, uint64_t ts,
                                       uint64_t evtnum, std::string source) {
    std::vector<uint8_t> b(kPluginEventPayloadOffset + payload_len);
    store<uint64_t>(&b[kOffTs], ts);
    store<uint64_t>(&b[kOffTid], UINT64_MAX);
    store<uint32_t>(&b[kOffLen], static_cast<uint32_t>(b.size()));
    store<uint16_t>(&b[kOffType], kPluginEventType);
    store<uint32_t>(&b[kOffNparams], 2);
    store<uint32_t>(&b[26], 4);
    store<uint32_t>(&b[30], payload_len);
    store<uint32_t>(&b[34], plugin_id);
    if (payload_len > 0) {
        std::memcpy(&b[kPluginEventPayloadOffset], payload, payload_len);
    }
    return HostEvent(std::move(b), evtnum, std::move(source));
}

HostEvent HostEvent::make_plugin_event(uint32_t plugin_id, const std::string& payload, uint64_t ts, uint64_t evtnum,
                                       std::string source) {
    return make_plugin_event(plugin_id, payload.data(), static_cast<uint32_t>(payload.size()), ts, evtnum,
                             std::move(source));
}

uint64_t HostEvent::ts() const {
    return bytes_.size() >= kEventHeaderSize ? load<uint64_t>(&bytes_[kOffTs]) : 0;
}
uint64_t HostEvent::tid() const {
    return bytes_.size() >= kEventHeaderSize ? load<uint64_t>(&bytes_[kOffTid]) : 0;
}
uint32_t HostEvent::len() const {
    return bytes_.size() >= kEventHeaderSize ? load<uint32_t>(&bytes_[kOffLen]) : 0;
}
uint16_t HostEvent::type() const {
    return bytes_.size() >= kEventHeaderSize ? load<uint16_t>(&bytes_[kOffType]) : 0;
}
uint32_t HostEvent::nparams() const {
    return bytes_.size() >= kEventHeaderSize ? load<uint32_t>(&bytes_[kOffNparams]) : 0;
}
uint32_t HostEvent::plugin_id() const {
    if (!is_plugin_event() || bytes_.size() < kPluginEventPayloadOffset) {
        return 0;
    }
    return load<uint32_t>(&bytes_[34]);
}
ByteSpan HostEvent::payload() const {
    if (!is_plugin_event() || bytes_.size() < kPluginEventPayloadOffset) {
        return {};
    }
    return ByteSpan{bytes_.data() + kPluginEventPayloadOffset, bytes_.size() - kPluginEventPayloadOffset};
}

HostEvent check_and_copy_event(const ss_plugin_event* evt, uint32_t plugin_id, uint64_t evtnum, uint64_t now) {
    const auto* raw = reinterpret_cast<const uint8_t*>(evt);
    // The header is read field by field with memcpy (it is packed and may be
    // unaligned in plugin memory).
    const uint32_t len = load<uint32_t>(raw + kOffLen);
    const uint16_t type = load<uint16_t>(raw + kOffType);
    const uint32_t nparams = load<uint32_t>(raw + kOffNparams);

    if (len < kEventHeaderSize) {
        throw HostError(malformed("len " + std::to_string(len) + " is shorter than the " +
                                  std::to_string(kEventHeaderSize) + "-byte event header"));
    }

    if (type != kPluginEventType) {
        if (plugin_id != 0) {
            throw HostError(malformed("event type " + std::to_string(type) + " (expected " +
                                      std::to_string(kPluginEventType) + ")"));
        }
        return copy_syscall_event(raw, len, type, nparams, evtnum, now);
    }

    check_plugin_event_params(raw, len, nparams);
    std::vector<uint8_t> bytes(raw, raw + len);
    set_plugin_id(bytes, plugin_id);
    if (load<uint64_t>(&bytes[kOffTs]) == UINT64_MAX) {
        store<uint64_t>(&bytes[kOffTs], now);
    }
    store<uint64_t>(&bytes[kOffTid], UINT64_MAX);
    return HostEvent(std::move(bytes), evtnum);
}

}  // namespace falcogen::host
