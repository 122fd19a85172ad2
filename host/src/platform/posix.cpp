// The platform layer on POSIX systems (Linux, macOS): argv and paths as they are,
// dlfcn, unistd, gmtime_r (IP text: ip_text.cpp).
#include "platform.hpp"

#include <dlfcn.h>
#include <unistd.h>
#include <zlib.h>

namespace falcogen::host::platform {

std::vector<std::string> arguments(int argc, char** argv) {
    return std::vector<std::string>(argv + 1, argv + argc);
}

gzFile_s* open_gzip(const std::string& path) {
    return gzopen(path.c_str(), "rb");
}

void open_binary(std::ifstream& stream, const std::string& path) {
    stream.open(path, std::ios::binary);
}

void* open_library(const std::string& path, std::string& error) {
    dlerror();  // a stale error of an earlier call must not be taken for this one's
    void* library = dlopen(path.c_str(), RTLD_LOCAL | RTLD_NOW);
    if (library == nullptr) {
        const char* e = dlerror();
        error = e != nullptr ? e : "";
    }
    return library;
}

void* library_symbol(void* library, const char* name) {
    return dlsym(library, name);
}

void close_library(void* library) {
    dlclose(library);
}

bool is_terminal(std::FILE* stream) {
    return isatty(fileno(stream)) == 1;
}

void utc_time(std::time_t secs, std::tm& out) {
    gmtime_r(&secs, &out);
}

}  // namespace falcogen::host::platform
