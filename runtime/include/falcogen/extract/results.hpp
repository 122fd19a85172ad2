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
#include <string_view>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/extract/values.hpp"

namespace falcogen {

class ExtractResults {
public:
    // Starts a call with `num_fields` requests.
    void begin(uint32_t num_fields);
    // Starts request `i` (of type ftype); the add_* calls that follow are its values.
    void start_field(uint32_t i, uint32_t ftype);

    // Values. Strings must stay valid until the next call: event memory,
    // static text, or a buffer from string_buffer().
    void add_string(const char* nul_terminated) { strings_.push_back(nul_terminated); }
    void add_u64(uint64_t v) { u64s_.push_back(v); }
    void add_bool(bool v) { bools_.push_back(v ? 1u : 0u); }
    void add_ip(const IpAddress& v);
    void add_ip_bytes(const void* data, uint32_t size) { bufs_.push_back(ss_plugin_byte_buffer{size, data}); }

    // A cleared string owned by the results, valid until the next begin().
    std::string& string_buffer();
    // Reusable scratch lists for computed list fields.
    std::vector<std::string>& string_list();
    std::vector<uint64_t>& u64_list();
    std::vector<bool>& bool_list();
    std::vector<IpAddress>& ip_list();

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
    std::vector<std::string> string_list_;
    std::vector<uint64_t> u64_list_;
    std::vector<bool> bool_list_;
    std::vector<IpAddress> ip_list_;
};

}  // namespace falcogen
