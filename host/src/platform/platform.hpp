// What differs between the systems the host runs on, declared once: posix.cpp
// (Linux, macOS) and windows.cpp implement it, and host/CMakeLists.txt compiles
// the one for the target, so the rest of host/ includes no system header and
// has no #ifdef of a platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

struct gzFile_s;  // zlib's gzFile, declared here so that only the platform files include zlib.h

namespace falcogen::host::platform {

// The program's arguments after its name, in UTF-8, as the host takes every
// path and text: argv on POSIX systems; on Windows those of the UTF-16 command
// line (argv is in the ANSI code page there, which cannot name every file).
std::vector<std::string> arguments(int argc, char** argv);

// Files named by UTF-8 paths, opened for reading (through the UTF-16 path on
// Windows): a capture, gzip-compressed or plain, with zlib (gzopen, gzopen_w;
// nullptr with errno set when it cannot be opened), and a binary stream.
gzFile_s* open_gzip(const std::string& path);
void open_binary(std::ifstream& stream, const std::string& path);

// A plugin's shared library, loaded as libsinsp's plugin_loader.c does:
// dlopen(path, RTLD_LOCAL | RTLD_NOW), or LoadLibraryW of the UTF-8 path.
// nullptr when it cannot be loaded, with the system's reason in `error`
// (dlerror's text; on Windows the path and FormatMessage's text).
void* open_library(const std::string& path, std::string& error);
// The library's exported symbol `name`, or nullptr (dlsym, GetProcAddress).
void* library_symbol(void* library, const char* name);
void close_library(void* library);

// Whether `stream` is a terminal (isatty, _isatty).
bool is_terminal(std::FILE* stream);

// The text of an IPv4 (4 bytes) or IPv6 (16 bytes) address, network order, by
// the system's inet_ntop; "" for another size.
std::string ip_text(const uint8_t* bytes, size_t size);

// The UTC calendar date and time of `secs` (gmtime_r, gmtime_s); `out` stays
// as it was when the system has no calendar for it.
void utc_time(std::time_t secs, std::tm& out);

}  // namespace falcogen::host::platform
