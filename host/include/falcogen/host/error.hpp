// The one exception type of the plugin host.
#pragma once

#include <stdexcept>
#include <string>

namespace falcogen::host {

// Every rule the host enforces (load, init, open, next, extract) reports a
// violation as a HostError whose message names the rule and the value seen.
class HostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace falcogen::host
