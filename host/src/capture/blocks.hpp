// The block structure of a capture (pcapng-like): each block is a type, a
// total length (header, body, padding and the trailing copy of the length),
// the body, and the length again. Block type numbers are libscap's
// (userspace/libscap/scap_savefile.h), as data.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "source.hpp"

namespace falcogen::host::capture {

enum BlockType : uint32_t {
    kSectionHeader = 0x0A0D0D0A,
    kMachineInfo = 0x201,
    kMachineInfoInt = 0x8002ABCD,
    kProcListV1 = 0x202,
    kProcListV1Int = 0x8000ABCD,
    kProcListV2 = 0x207,
    kProcListV2Int = 0x8013ABCD,
    kProcListV3 = 0x209,
    kProcListV3Int = 0x8014ABCD,
    kProcListV4 = 0x210,
    kProcListV5 = 0x211,
    kProcListV6 = 0x212,
    kProcListV7 = 0x213,
    kProcListV8 = 0x214,
    kProcListV9 = 0x215,
    kFdList = 0x203,
    kFdListInt = 0x8001ABCD,
    kFdListV2 = 0x218,
    kEvent = 0x204,
    kEventInt = 0x8010ABCD,
    kEventV2 = 0x216,
    kEventV2Large = 0x221,
    kEventFlags = 0x208,
    kEventFlagsV2 = 0x217,
    kEventFlagsV2Large = 0x222,
    kIfList = 0x205,
    kIfListInt = 0x8011ABCD,
    kIfListV2 = 0x219,
    kUserList = 0x206,
    kUserListInt = 0x8012ABCD,
    kUserListV2 = 0x220,
};

constexpr uint32_t kSectionMagic = 0x1A2B3C4D;
constexpr uint16_t kMaxMajorVersion = 1;  // libscap's CURRENT_MAJOR_VERSION
constexpr uint32_t kBlockOverhead = 12;  // type, length, trailing length

// The process list version of a block type (1..9), 0 if it is not one.
int proclist_version(uint32_t type);
bool is_event_block(uint32_t type);
// "event block (0x216)", "process list block v5 (0x211)", ...
std::string block_name(uint32_t type);

struct Block {
    uint32_t type = 0;
    uint32_t total_length = 0;
    uint32_t trailer = 0;
    uint64_t offset = 0;  // where its header starts
    std::vector<uint8_t> body;  // total_length - 12 bytes
};

// A malformed block body: the reader adds the file, offset and block.
struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads whole blocks from a source, bounds-checked.
class BlockReader {
public:
    BlockReader(std::unique_ptr<ByteSource> source, std::string name, uint32_t max_block_size)
        : source_(std::move(source)), name_(std::move(name)), max_block_size_(max_block_size) {}

    // The next block, or false at a clean end of the data. Throws
    // CaptureError on a partial header, a length below 12 or above the
    // limit, a body or trailer cut short, or a read error.
    bool next(Block& block);
    uint64_t offset() const { return offset_; }
    const std::string& name() const { return name_; }
    // "capture 'NAME': offset N: WHAT"
    [[noreturn]] void fail(uint64_t offset, const std::string& what) const;

private:
    // Reads exactly n bytes into `out` (growing it as data arrives), or fails.
    void read_exactly(std::vector<uint8_t>& out, size_t n, const Block& block, const char* what);

    std::unique_ptr<ByteSource> source_;
    std::string name_;
    uint32_t max_block_size_;
    uint64_t offset_ = 0;
};

// Bounds-checked little-endian reads over a block body; throws FormatError.
class Cursor {
public:
    Cursor(const uint8_t* data, size_t size) : data_(data), size_(size) {}
    explicit Cursor(const std::vector<uint8_t>& v) : Cursor(v.data(), v.size()) {}

    size_t pos() const { return pos_; }
    size_t remaining() const { return size_ - pos_; }
    template <typename T>
    T get(const char* what) {
        T v;
        copy(&v, sizeof v, what);
        return v;
    }
    // n bytes as a string, cut at the first NUL (the C string libscap keeps).
    std::string string(size_t n, const char* what);
    // n bytes of NUL-separated strings.
    std::vector<std::string> strings(size_t n, const char* what);
    void skip(size_t n, const char* what);
    const uint8_t* here() const { return data_ + pos_; }

private:
    void copy(void* dst, size_t n, const char* what);
    void need(size_t n, const char* what) const;

    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
};

}  // namespace falcogen::host::capture
