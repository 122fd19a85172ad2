// Errors: how author code reports failure.
#pragma once

#include <stdexcept>
#include <string>

namespace falcogen {

// Throw from any author callback to fail it with a message the host shows.
// Any other exception works too; this one just says "expected failure".
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace falcogen
