// Blocks: reading them whole, naming them, and reading inside them.
#include "blocks.hpp"

#include <falcogen/host/capture.hpp>

#include <cstdio>
#include <cstring>

namespace falcogen::host::capture {

int proclist_version(uint32_t type) {
    switch (type) {
        case kProcListV1:
        case kProcListV1Int: return 1;
        case kProcListV2:
        case kProcListV2Int: return 2;
        case kProcListV3:
        case kProcListV3Int: return 3;
        case kProcListV4: return 4;
        case kProcListV5: return 5;
        case kProcListV6: return 6;
        case kProcListV7: return 7;
        case kProcListV8: return 8;
        case kProcListV9: return 9;
        default: return 0;
    }
}

bool is_event_block(uint32_t type) {
    switch (type) {
        case kEvent:
        case kEventInt:
        case kEventV2:
        case kEventV2Large:
        case kEventFlags:
        case kEventFlagsV2:
        case kEventFlagsV2Large: return true;
        default: return false;
    }
}

std::string block_name(uint32_t type) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", type);
    std::string what;
    if (type == kSectionHeader) {
        what = "section header block";
    } else if (type == kMachineInfo || type == kMachineInfoInt) {
        what = "machine info block";
    } else if (int v = proclist_version(type)) {
        what = "process list block v" + std::to_string(v);
    } else if (type == kFdList || type == kFdListInt || type == kFdListV2) {
        what = "fd list block";
    } else if (is_event_block(type)) {
        what = "event block";
    } else if (type == kIfList || type == kIfListInt || type == kIfListV2) {
        what = "interface list block";
    } else if (type == kUserList || type == kUserListInt || type == kUserListV2) {
        what = "user list block";
    } else {
        what = "block";
    }
    return what + " (" + hex + ")";
}

void BlockReader::fail(uint64_t offset, const std::string& what) const {
    throw CaptureError("capture '" + name_ + "': offset " + std::to_string(offset) + ": " + what);
}

void BlockReader::read_exactly(std::vector<uint8_t>& out, size_t n, const Block& block, const char* what) {
    constexpr size_t kChunk = 1 << 20;  // memory follows the bytes really read, not the announced length
    out.clear();
    while (out.size() < n) {
        const size_t at = out.size();
        const size_t want = std::min(kChunk, n - at);
        out.resize(at + want);
        const size_t got = source_->read(out.data() + at, want);
        offset_ += got;
        if (got < want) {
            const std::string err = source_->error();
            fail(block.offset, block_name(block.type) + " is truncated: its " + what + " needs " + std::to_string(n) +
                                   " bytes, the file has " + std::to_string(at + got) +
                                   (err.empty() ? "" : " (read error: " + err + ")"));
        }
    }
}

bool BlockReader::next(Block& block) {
    uint8_t header[8];
    const uint64_t start = offset_;
    const size_t got = source_->read(header, sizeof header);
    offset_ += got;
    if (got == 0) {
        const std::string err = source_->error();
        if (!err.empty()) fail(start, "read error: " + err);
        return false;
    }
    if (got < sizeof header) {
        const std::string err = source_->error();
        fail(start, "truncated block header: " + std::to_string(got) + " of 8 bytes" +
                        (err.empty() ? "" : " (read error: " + err + ")"));
    }
    block.offset = start;
    std::memcpy(&block.type, header, 4);
    std::memcpy(&block.total_length, header + 4, 4);
    if (block.total_length < kBlockOverhead) {
        fail(start, block_name(block.type) + " has a total length of " + std::to_string(block.total_length) +
                        " (at least 12)");
    }
    if (block.total_length > max_block_size_) {
        fail(start, block_name(block.type) + " has a total length of " + std::to_string(block.total_length) +
                        ", more than the limit of " + std::to_string(max_block_size_));
    }
    read_exactly(block.body, block.total_length - kBlockOverhead, block, "body");
    std::vector<uint8_t> trailer;
    read_exactly(trailer, 4, block, "trailing length");
    std::memcpy(&block.trailer, trailer.data(), 4);
    return true;
}

void Cursor::need(size_t n, const char* what) const {
    if (n > remaining()) {
        throw FormatError(std::string("truncated ") + what + ": needs " + std::to_string(n) + " bytes at byte " +
                          std::to_string(pos_) + " of the body, " + std::to_string(remaining()) + " left");
    }
}

void Cursor::copy(void* dst, size_t n, const char* what) {
    need(n, what);
    std::memcpy(dst, data_ + pos_, n);
    pos_ += n;
}

void Cursor::skip(size_t n, const char* what) {
    need(n, what);
    pos_ += n;
}

std::string Cursor::string(size_t n, const char* what) {
    need(n, what);
    if (n == 0) return {};  // the body may be empty, without data() to point at
    const char* p = reinterpret_cast<const char*>(data_ + pos_);
    pos_ += n;
    return std::string(p, strnlen(p, n));
}

std::vector<std::string> Cursor::strings(size_t n, const char* what) {
    need(n, what);
    std::vector<std::string> out;
    const char* p = reinterpret_cast<const char*>(data_ + pos_);
    pos_ += n;
    size_t begin = 0;
    for (size_t i = 0; i < n; ++i) {
        if (p[i] == '\0') {
            out.emplace_back(p + begin, i - begin);
            begin = i + 1;
        }
    }
    if (begin < n) out.emplace_back(p + begin, n - begin);
    return out;
}

}  // namespace falcogen::host::capture
