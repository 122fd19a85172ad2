#include "falcogen/detail/results.hpp"

namespace falcogen::detail {

void ExtractResults::add(const IpAddress& v) {
    if (v.size != 4 && v.size != 16) return;  // "not set": no value
    if (owned_ips_used_ == owned_ips_.size()) owned_ips_.push_back(std::make_unique<IpAddress>());
    IpAddress& stored = *owned_ips_[owned_ips_used_++];
    stored = v;
    bufs_.push_back(ss_plugin_byte_buffer{stored.size, stored.bytes.data()});
}

std::string& ExtractResults::owned_string() {
    if (owned_strings_used_ == owned_strings_.size()) owned_strings_.push_back(std::make_unique<std::string>());
    std::string& s = *owned_strings_[owned_strings_used_++];
    s.clear();
    return s;
}

void ExtractResults::add_scratch(const std::vector<std::string>& values) {
    // The list is reused by the next field: each string gets storage of its own.
    for (const std::string& value : values) {
        std::string& copy = owned_string();
        copy = value;
        add(copy.c_str());
    }
}
void ExtractResults::add_scratch(const std::vector<uint64_t>& values) {
    for (uint64_t value : values) add(value);
}
void ExtractResults::add_scratch(const std::vector<bool>& values) {
    for (bool value : values) add(value);
}
void ExtractResults::add_scratch(const std::vector<IpAddress>& values) {
    for (const IpAddress& value : values) add(value);
}

void ExtractResults::set_offset(uint32_t start, uint32_t length) {
    if (slots_.empty()) return;
    slots_.back().start_offset = start;
    slots_.back().length_offset = length;
}

void ExtractResults::finish_all(ss_plugin_extract_field* fields, ss_plugin_extract_value_offsets* offsets) {
    // The values of slot i end where the next slot of the same array starts.
    const size_t n = slots_.size();
    for (size_t i = 0; i < n; ++i) {
        const Slot& slot = slots_[i];
        size_t end = array_size(slot.array);
        for (size_t j = i + 1; j < n; ++j) {
            if (slots_[j].array == slot.array) {
                end = slots_[j].start;
                break;
            }
        }
        point(fields[i], slot.array, slot.start, end);
    }
    if (offsets != nullptr) {
        offset_starts_.resize(n);
        offset_lengths_.resize(n);
        for (size_t i = 0; i < n; ++i) {
            offset_starts_[i] = slots_[i].start_offset;
            offset_lengths_[i] = slots_[i].length_offset;
        }
        offsets->start = offset_starts_.data();
        offsets->length = offset_lengths_.data();
    }
}

}  // namespace falcogen::detail
