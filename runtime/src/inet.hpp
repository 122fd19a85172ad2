// inet_pton and inet_ntop, from the platform's header: <arpa/inet.h> on POSIX
// systems (Linux, macOS), <ws2tcpip.h> on Windows (the runtime links ws2_32
// there; neither function needs WSAStartup).
#pragma once

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <sys/socket.h>
#endif
