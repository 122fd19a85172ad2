// Any scap event (syscall events included), read parameter by parameter.
//
// Layout: 26-byte header | nparams lengths (u16; u32 for the large-payload
// types, detail::param_length_size) | the parameters' data, concatenated.
// Every length is checked against the header's len before a byte is read.
#pragma once

#include <cstdint>
#include <cstring>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/event_header.hpp"
#include "falcogen/types.hpp"

namespace falcogen {

class ScapEvent {
public:
    // Checks the header and the parameter length table; false if malformed.
    bool parse(const ss_plugin_event* evt) {
        evt_ = nullptr;
        if (evt == nullptr) return false;
        const auto* base = reinterpret_cast<const uint8_t*>(evt);
        len_ = detail::load<uint32_t>(base, detail::kLenOffset);
        type_ = detail::load<uint16_t>(base, detail::kTypeOffset);
        nparams_ = detail::load<uint32_t>(base, detail::kNparamsOffset);
        if (len_ < detail::kEventHeaderSize) return false;
        width_ = detail::param_length_size(type_);
        const uint64_t table = static_cast<uint64_t>(nparams_) * width_;
        if (detail::kEventHeaderSize + table > len_) return false;
        uint64_t data = 0;
        for (uint32_t i = 0; i < nparams_; ++i) data += length_at(base, i);
        if (detail::kEventHeaderSize + table + data > len_) return false;
        evt_ = base;
        return true;
    }

    bool valid() const { return evt_ != nullptr; }
    uint16_t type() const { return type_; }
    uint32_t nparams() const { return nparams_; }
    uint32_t len() const { return len_; }
    uint64_t ts() const { return detail::load<uint64_t>(evt_, detail::kTsOffset); }
    uint64_t tid() const { return detail::load<uint64_t>(evt_, detail::kTidOffset); }

    // Parameter i's bytes; false when i is out of range.
    bool param(uint32_t i, ByteView& out) const {
        if (evt_ == nullptr || i >= nparams_) return false;
        uint64_t offset = detail::kEventHeaderSize + static_cast<uint64_t>(nparams_) * width_;
        for (uint32_t k = 0; k < i; ++k) offset += length_at(evt_, k);
        out = ByteView(evt_ + offset, length_at(evt_, i));
        return true;
    }

private:
    uint32_t length_at(const uint8_t* base, uint32_t i) const {
        const size_t at = detail::kEventHeaderSize + static_cast<size_t>(width_) * i;
        return width_ == 2 ? detail::load<uint16_t>(base, at) : detail::load<uint32_t>(base, at);
    }

    const uint8_t* evt_ = nullptr;
    uint32_t len_ = 0;
    uint16_t type_ = 0;
    uint32_t nparams_ = 0;
    uint32_t width_ = 2;
};

}  // namespace falcogen
