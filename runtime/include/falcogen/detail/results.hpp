// ExtractResults: where plugin_extract_fields puts its values.
//
// The host reads the results until the next extract call on the same plugin
// state. Values of one call go into per-type arrays that the state keeps
// across calls; each field's res pointer is set once all fields are done (an
// array may grow while the call fills it). After warm-up, extracting
// allocates nothing: arrays and string buffers keep their capacity.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/types.hpp"

namespace falcogen::detail {

class ExtractResults {
public:
    // Starts a call with `num_fields` requests.
    void begin(uint32_t num_fields);
    // Starts the next request (of type ftype); the add() calls that follow are its values.
    void start_field(uint32_t ftype);

    // Values, one overload per representation the host reads. Strings must
    // stay valid until the next call: event memory, static text, or owned
    // storage (scratch<std::string>()).
    void add(const char* nul_terminated) { strings_.push_back(nul_terminated); }
    void add(uint64_t v) { u64s_.push_back(v); }
    void add(bool v) { bools_.push_back(v ? 1u : 0u); }
    void add(const IpAddress& v);  // "not set" (size 0) adds nothing

    // Where computed fields write: a cleared value of the field's C++ type,
    // owned by the results (strings stay valid until the next begin()).
    template <typename T>
    T& scratch() {
        return scratch_of(static_cast<T*>(nullptr));
    }
    // Adds what a computed field wrote into scratch<T>(): each element of a list.
    void add_scratch(const std::string& owned) { add(owned.c_str()); }
    void add_scratch(uint64_t v) { add(v); }
    void add_scratch(bool v) { add(v); }
    void add_scratch(const IpAddress& v) { add(v); }
    void add_scratch(const std::vector<std::string>& values);
    void add_scratch(const std::vector<uint64_t>& values);
    void add_scratch(const std::vector<bool>& values);
    void add_scratch(const std::vector<IpAddress>& values);

    // Byte range of the current field's value inside the event (API 3.11).
    void set_offset(uint32_t start, uint32_t length);

    // Points each field's res/res_len at its values; fills value offsets
    // when the host asked for them (offsets may be NULL).
    void finish(ss_plugin_extract_field* fields, ss_plugin_extract_value_offsets* offsets);

private:
    struct Slot {
        uint32_t ftype = 0;
        size_t start = 0;  // index into the array of its type
        uint32_t start_offset = 0, length_offset = 0;
    };
    size_t array_size(uint32_t ftype) const;
    std::string& owned_string();

    std::string& scratch_of(std::string*) { return owned_string(); }
    uint64_t& scratch_of(uint64_t*) { return u64_ = 0; }
    bool& scratch_of(bool*) { return bool_ = false; }
    IpAddress& scratch_of(IpAddress*) { return ip_ = IpAddress(); }
    template <typename T>
    std::vector<T>& scratch_of(std::vector<T>*) {
        auto& list = lists(static_cast<T*>(nullptr));
        list.clear();
        return list;
    }
    std::vector<std::string>& lists(std::string*) { return string_list_; }
    std::vector<uint64_t>& lists(uint64_t*) { return u64_list_; }
    std::vector<bool>& lists(bool*) { return bool_list_; }
    std::vector<IpAddress>& lists(IpAddress*) { return ip_list_; }

    std::vector<Slot> slots_;
    std::vector<const char*> strings_;
    std::vector<uint64_t> u64s_;
    std::vector<uint32_t> bools_;
    std::vector<ss_plugin_byte_buffer> bufs_;
    std::vector<uint32_t> offset_starts_, offset_lengths_;
    // deque: growing it never moves the strings already handed out.
    std::deque<std::string> owned_strings_;
    std::deque<IpAddress> owned_ips_;
    size_t owned_strings_used_ = 0, owned_ips_used_ = 0;
    uint64_t u64_ = 0;
    bool bool_ = false;
    IpAddress ip_;
    std::vector<std::string> string_list_;
    std::vector<uint64_t> u64_list_;
    std::vector<bool> bool_list_;
    std::vector<IpAddress> ip_list_;
};

}  // namespace falcogen::detail
