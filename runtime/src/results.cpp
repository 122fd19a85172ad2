#include "falcogen/detail/results.hpp"

namespace falcogen::detail {

void ExtractResults::begin(uint32_t num_fields) {
    slots_.clear();
    slots_.reserve(num_fields);
    strings_.clear();
    u64s_.clear();
    bools_.clear();
    bufs_.clear();
    owned_strings_used_ = 0;
    owned_ips_used_ = 0;
}

namespace {
// Which of the four value arrays holds values of a field type.
int array_of(uint32_t ftype) {
    switch (ftype) {
        case FTYPE_STRING: return 0;
        case FTYPE_BOOL: return 1;
        case FTYPE_IPADDR:
        case FTYPE_IPNET: return 2;
        default: return 3;  // uint64, reltime, abstime
    }
}
}  // namespace

void ExtractResults::start_field(uint32_t ftype) {
    Slot slot;
    slot.ftype = ftype;
    slot.start = array_size(ftype);
    slots_.push_back(slot);
}

size_t ExtractResults::array_size(uint32_t ftype) const {
    switch (array_of(ftype)) {
        case 0: return strings_.size();
        case 1: return bools_.size();
        case 2: return bufs_.size();
        default: return u64s_.size();
    }
}

void ExtractResults::add(const IpAddress& v) {
    if (v.size != 4 && v.size != 16) return;  // "not set": no value
    if (owned_ips_used_ == owned_ips_.size()) owned_ips_.emplace_back();
    IpAddress& stored = owned_ips_[owned_ips_used_++];
    stored = v;
    bufs_.push_back(ss_plugin_byte_buffer{stored.size, stored.bytes.data()});
}

std::string& ExtractResults::owned_string() {
    if (owned_strings_used_ == owned_strings_.size()) owned_strings_.emplace_back();
    std::string& s = owned_strings_[owned_strings_used_++];
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

void ExtractResults::finish(ss_plugin_extract_field* fields, ss_plugin_extract_value_offsets* offsets) {
    // The values of slot i end where the next slot of the same type starts.
    const size_t n = slots_.size();
    for (size_t i = 0; i < n; ++i) {
        const Slot& slot = slots_[i];
        size_t end = array_size(slot.ftype);
        for (size_t j = i + 1; j < n; ++j) {
            if (array_of(slots_[j].ftype) == array_of(slot.ftype)) {
                end = slots_[j].start;
                break;
            }
        }
        ss_plugin_extract_field& f = fields[i];
        f.res_len = end - slot.start;
        switch (slot.ftype) {
            case FTYPE_STRING: f.res.str = strings_.data() + slot.start; break;
            case FTYPE_BOOL: f.res.boolean = bools_.data() + slot.start; break;
            case FTYPE_IPADDR:
            case FTYPE_IPNET: f.res.buf = bufs_.data() + slot.start; break;
            default: f.res.u64 = u64s_.data() + slot.start; break;
        }
        if (f.res_len == 0) f.res.u64 = nullptr;
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
