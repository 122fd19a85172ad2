# 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64), its POSIX
# threads flavour (std::thread, std::mutex):
#   cmake -DCMAKE_TOOLCHAIN_FILE=<falcogen>/cmake/toolchains/mingw-w64.cmake ...
# falcogen_add_plugin then builds <name>.dll exporting the plugin_* functions
# (FALCOGEN_EXPORT: __declspec(dllexport)). scripts/portability.sh uses it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(FALCOGEN_MINGW_PREFIX x86_64-w64-mingw32 CACHE STRING "Target triple of the mingw-w64 tools")

set(CMAKE_C_COMPILER ${FALCOGEN_MINGW_PREFIX}-gcc-posix)
set(CMAKE_CXX_COMPILER ${FALCOGEN_MINGW_PREFIX}-g++-posix)
set(CMAKE_RC_COMPILER ${FALCOGEN_MINGW_PREFIX}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${FALCOGEN_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)  # the build machine's programs (Python runs the generator)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Self-contained binaries: libstdc++, libgcc and winpthreads linked in, so a
# plugin DLL needs no other DLL beside it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static")
