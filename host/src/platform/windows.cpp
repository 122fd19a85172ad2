// The platform layer on Windows (mingw-w64, MSVC): UTF-8 arguments and paths
// over the UTF-16 API (CommandLineToArgvW, LoadLibraryW, gzopen_w), FormatMessage,
// _isatty, gmtime_s (IP text: ip_text.cpp).
//
// windows.h first: shellapi.h needs what it declares.
#include <windows.h>

#include <io.h>
#include <shellapi.h>
#include <zlib.h>

#include "platform.hpp"

namespace falcogen::host::platform {

namespace {

// The UTF-16 form of a UTF-8 string, as the W functions take paths.
std::wstring widen(const std::string& s) {
    if (s.empty()) return std::wstring();
    const int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
    std::wstring w(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
    return w;
}

// The UTF-8 form of a UTF-16 string.
std::string narrow(const wchar_t* w) {
    const int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
    if (n <= 1) return std::string();
    std::string s(static_cast<size_t>(n), '\0');
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s.data(), n, nullptr, nullptr);
    s.pop_back();  // the terminating NUL WideCharToMultiByte wrote
    return s;
}

// FormatMessage's text of a system error code, without its trailing ".\r\n".
std::string system_message(DWORD code) {
    char* text = nullptr;
    const DWORD flags = FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
    const DWORD n = FormatMessageA(flags, nullptr, code, 0, reinterpret_cast<char*>(&text), 0, nullptr);
    std::string message = n > 0 && text != nullptr ? std::string(text, n) : "";
    if (text != nullptr) LocalFree(text);
    while (!message.empty() &&
           (message.back() == '\n' || message.back() == '\r' || message.back() == ' ' || message.back() == '.')) {
        message.pop_back();
    }
    return message.empty() ? "error " + std::to_string(code) : message;
}

}  // namespace

std::vector<std::string> arguments(int argc, char** argv) {
    int n = 0;
    wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &n);
    if (wide == nullptr) return std::vector<std::string>(argv + 1, argv + argc);
    std::vector<std::string> args;
    for (int i = 1; i < n; ++i) args.push_back(narrow(wide[i]));
    LocalFree(wide);
    return args;
}

gzFile_s* open_gzip(const std::string& path) {
    return gzopen_w(widen(path).c_str(), "rb");
}

void open_binary(std::ifstream& stream, const std::string& path) {
    stream.open(widen(path).c_str(), std::ios::binary);
}

void* open_library(const std::string& path, std::string& error) {
    HMODULE library = LoadLibraryW(widen(path).c_str());
    if (library == nullptr) error = path + ": " + system_message(GetLastError());
    return reinterpret_cast<void*>(library);
}

void* library_symbol(void* library, const char* name) {
    // FARPROC to void*: the two have the same size on every Windows target.
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(library), name));
}

void close_library(void* library) {
    FreeLibrary(static_cast<HMODULE>(library));
}

bool is_terminal(std::FILE* stream) {
    return _isatty(_fileno(stream)) != 0;
}

void utc_time(std::time_t secs, std::tm& out) {
    std::tm tm{};
    if (gmtime_s(&tm, &secs) == 0) out = tm;
}

}  // namespace falcogen::host::platform
