// ExtractResults: where plugin_extract_fields puts its values.
//
// The host reads the results until the next extract call on the same plugin
// state. Values of one call go into per-type arrays that the state keeps
// across calls; each field's res pointer is set once all fields are done (an
// array may grow while the call fills it). After warm-up, extracting
// allocates nothing: arrays and string buffers keep their capacity.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/detail/compiler.hpp"
#include "falcogen/types.hpp"

namespace falcogen::detail {

// The values of one representation that the host reads: storage kept across
// calls, cleared with one store, grown out of line. (libsinsp asks one field
// per call: what clearing and adding cost is a fair share of an extraction.)
template <typename T>
class ValueArray {
public:
    // Room for the one value of a plain field from the start: adding it
    // never allocates (extraction's fast path relies on it).
    ValueArray() { grow(); }
    // Cleared, it has room for one value, which the compiler is told: the
    // first value of a call (all libsinsp asks for) then checks nothing.
    void clear() {
        size_ = 0;
        FALCOGEN_ASSUME(capacity_ > 0);
    }
    void push_back(T v) {
        if (FALCOGEN_UNLIKELY(size_ == capacity_)) grow();
        data_[size_++] = v;
    }
    // Adds one value after clear(), into the room every array keeps: no
    // check, no call (extraction's fast path, which adds exactly one).
    void push_reserved(T v) { data_[size_++] = v; }
    size_t size() const { return size_; }
    T* data() { return data_; }

private:
    FALCOGEN_NOINLINE void grow() {
        storage_.resize(storage_.empty() ? 16 : storage_.size() * 2);
        data_ = storage_.data();
        capacity_ = storage_.size();
    }
    std::vector<T> storage_;
    T* data_ = nullptr;
    size_t size_ = 0, capacity_ = 0;
};

class ExtractResults {
public:
    // Starts a call. (Inline, as start_field and add: libsinsp asks one field
    // per call, so this bookkeeping is a fair share of an extraction.)
    void begin() {
        slots_.clear();
        strings_.clear();
        u64s_.clear();
        bools_.clear();
        bufs_.clear();
        owned_strings_used_ = 0;
        owned_ips_used_ = 0;
    }
    // Starts the next request (of type ftype); the add() calls that follow are its values.
    void start_field(uint32_t ftype) {
        const Array array = array_of(ftype);
        slots_.push_back(Slot{array, array_size(array), 0, 0});
    }

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

    // Where a plain field (a member read as is) puts its one value on the
    // fast path, right after begin_one: the room its array keeps.
    class Reserved {
    public:
        explicit Reserved(ExtractResults& results) : results_(results) {}
        void add(const char* nul_terminated) { results_.strings_.push_reserved(nul_terminated); }
        void add(uint64_t v) { results_.u64s_.push_reserved(v); }
        void add(bool v) { results_.bools_.push_reserved(v ? 1u : 0u); }

    private:
        ExtractResults& results_;
    };
    Reserved reserved() { return Reserved(*this); }

    // Byte range of the current field's value inside the event (API 3.11).
    void set_offset(uint32_t start, uint32_t length);

    // A call for one field (libsinsp always asks one) of type kFtype, without
    // offsets: begin_one, its values, finish_one. Its values are all of its
    // array, and only that array needs clearing.
    // (No slot is kept: set_offset may write to a stale one, which the next
    // begin() drops. Owned storage is reused by the only array that uses it.)
    template <uint32_t kFtype>
    void begin_one() {
        constexpr Array kArray = array_of(kFtype);
        if constexpr (kArray == Array::strings) {
            strings_.clear();
            owned_strings_used_ = 0;
        }
        if constexpr (kArray == Array::bools) bools_.clear();
        if constexpr (kArray == Array::bufs) {
            bufs_.clear();
            owned_ips_used_ = 0;
        }
        if constexpr (kArray == Array::u64s) u64s_.clear();
    }
    template <uint32_t kFtype>
    void finish_one(ss_plugin_extract_field& field) {
        constexpr Array kArray = array_of(kFtype);
        point(field, kArray, 0, array_size(kArray));
    }

    // Points each field's res/res_len at its values; fills value offsets
    // when the host asked for them (offsets may be NULL).
    void finish(ss_plugin_extract_field* fields, ss_plugin_extract_value_offsets* offsets) {
        if (slots_.size() == 1 && offsets == nullptr) {
            point(fields[0], slots_[0].array, 0, array_size(slots_[0].array));
        } else {
            finish_all(fields, offsets);
        }
    }

private:
    // The four arrays values go to, by the representation the host reads.
    enum class Array : uint8_t { strings, bools, bufs, u64s };
    static constexpr Array array_of(uint32_t ftype) {
        switch (ftype) {
            case FTYPE_STRING: return Array::strings;
            case FTYPE_BOOL: return Array::bools;
            case FTYPE_IPADDR:
            case FTYPE_IPNET: return Array::bufs;
            default: return Array::u64s;  // uint64, reltime, abstime
        }
    }
    size_t array_size(Array array) const {
        switch (array) {
            case Array::strings: return strings_.size();
            case Array::bools: return bools_.size();
            case Array::bufs: return bufs_.size();
            case Array::u64s: break;
        }
        return u64s_.size();
    }
    // Field f's values are [start, end) of its array.
    void point(ss_plugin_extract_field& f, Array array, size_t start, size_t end) {
        f.res_len = static_cast<uint64_t>(end - start);
        switch (array) {
            case Array::strings: f.res.str = strings_.data() + start; break;
            case Array::bools: f.res.boolean = bools_.data() + start; break;
            case Array::bufs: f.res.buf = bufs_.data() + start; break;
            case Array::u64s: f.res.u64 = u64s_.data() + start; break;
        }
        if (f.res_len == 0) f.res.u64 = nullptr;
    }
    void finish_all(ss_plugin_extract_field* fields, ss_plugin_extract_value_offsets* offsets);

    struct Slot {
        Array array;
        size_t start;  // index into its array
        uint32_t start_offset, length_offset;
    };
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
    ValueArray<const char*> strings_;
    ValueArray<uint64_t> u64s_;
    ValueArray<uint32_t> bools_;
    ValueArray<ss_plugin_byte_buffer> bufs_;
    std::vector<uint32_t> offset_starts_, offset_lengths_;
    // deque: growing it never moves the strings already handed out.
    // Each value on its own, so its address survives the list's growth (a
    // std::deque would do, at the price of its header in every author's file).
    std::vector<std::unique_ptr<std::string>> owned_strings_;
    std::vector<std::unique_ptr<IpAddress>> owned_ips_;
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
