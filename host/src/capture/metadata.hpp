// The metadata blocks of a capture: machine info, process lists, fd lists.
// Layouts are libscap's (scap_savefile.c), every version it reads.
#pragma once

#include <falcogen/host/capture.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace falcogen::host::capture {

// The machine info block (a packed scap_machine_info; a shorter body leaves
// the missing fields at 0, a longer one has its extra bytes ignored).
MachineInfo parse_machine_info(const std::vector<uint8_t>& body);

// The threads of a process list block of version 1..9, in order. Throws
// FormatError.
std::vector<CaptureThread> parse_proclist(int version, const std::vector<uint8_t>& body);

// The fds of an fd list block, passed with the block's tid. Throws FormatError.
void parse_fdlist(bool v2, const std::vector<uint8_t>& body, const std::function<void(uint64_t, CaptureFd)>& add);

}  // namespace falcogen::host::capture
