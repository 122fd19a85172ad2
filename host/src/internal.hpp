// Helpers shared by the source files of the falcogen_host library (not installed).
#pragma once

#include <string>

namespace falcogen::host {

// A C string from the plugin as std::string ("" for NULL).
inline std::string opt_str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

}  // namespace falcogen::host
