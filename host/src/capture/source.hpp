// Where the bytes of a capture come from: a file (plain or gzip, both read
// through zlib as libscap does), or memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace falcogen::host::capture {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Up to n bytes; fewer only at the end of the data or on an error.
    virtual size_t read(uint8_t* dst, size_t n) = 0;
    // The read error ("" when the data simply ended).
    virtual std::string error() const = 0;
};

// Throws CaptureError when the file cannot be opened.
std::unique_ptr<ByteSource> open_file_source(const std::string& path);
std::unique_ptr<ByteSource> memory_source(std::vector<uint8_t> bytes);

}  // namespace falcogen::host::capture
