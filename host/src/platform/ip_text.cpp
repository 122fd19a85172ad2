// IP address text on every platform: inet_ntop, from ws2_32 on Windows (no
// WSAStartup needed), from arpa/inet elsewhere. Only the header differs.
#if defined(_WIN32)
#include <winsock2.h>  // before anything that may bring windows.h in
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <sys/socket.h>
#endif

#include "platform.hpp"

namespace falcogen::host::platform {

std::string ip_text(const uint8_t* bytes, size_t size) {
    if (size != 4 && size != 16) return "";
    char text[INET6_ADDRSTRLEN + 8] = {0};
    inet_ntop(size == 4 ? AF_INET : AF_INET6, bytes, text, sizeof text);
    return text;
}

}  // namespace falcogen::host::platform
