// Capture byte sources: zlib's gz* functions read gzip and plain files alike.
#include "source.hpp"

#include <falcogen/host/capture.hpp>

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "../platform/platform.hpp"

namespace falcogen::host::capture {

namespace {

class GzipFileSource final : public ByteSource {
public:
    explicit GzipFileSource(gzFile f) : file_(f) {}
    ~GzipFileSource() override { gzclose(file_); }

    size_t read(uint8_t* dst, size_t n) override {
        size_t got = 0;
        while (got < n) {
            const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n - got, INT_MAX));
            const int r = gzread(file_, dst + got, chunk);
            if (r <= 0) break;  // end of data, or an error (error() tells)
            got += static_cast<size_t>(r);
        }
        return got;
    }
    std::string error() const override {
        int code = Z_OK;
        const char* msg = gzerror(file_, &code);
        if (code == Z_OK || code == Z_STREAM_END) return "";
        if (code == Z_ERRNO) return std::strerror(errno);
        return msg != nullptr ? msg : "gzip error";
    }

private:
    gzFile file_;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
    size_t read(uint8_t* dst, size_t n) override {
        const size_t k = std::min(n, bytes_.size() - pos_);
        if (k > 0) std::memcpy(dst, bytes_.data() + pos_, k);
        pos_ += k;
        return k;
    }
    std::string error() const override { return ""; }

private:
    std::vector<uint8_t> bytes_;
    size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::string& path) {
    gzFile f = platform::open_gzip(path);
    if (f == nullptr) {
        throw CaptureError("capture '" + path + "': cannot open: " + std::strerror(errno != 0 ? errno : ENOENT));
    }
    gzbuffer(f, 1 << 17);
    return std::make_unique<GzipFileSource>(f);
}

std::unique_ptr<ByteSource> memory_source(std::vector<uint8_t> bytes) {
    return std::make_unique<MemorySource>(std::move(bytes));
}

}  // namespace falcogen::host::capture
