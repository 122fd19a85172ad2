#include <doctest/doctest.h>

#include <stdexcept>

#include "falcogen/detail/barrier.hpp"
#include "falcogen/error.hpp"

using namespace falcogen;
using namespace falcogen::detail;

TEST_CASE("the barrier turns any exception into FAILURE plus a message naming the callback") {
    ErrorSlot slot;
    CHECK(guard(slot, "plugin_open", [] { return SS_PLUGIN_SUCCESS; }) == SS_PLUGIN_SUCCESS);
    CHECK(guard(slot, "plugin_open", []() -> ss_plugin_rc { throw Error("file missing"); }) == SS_PLUGIN_FAILURE);
    CHECK(std::string(slot.c_str()) == "plugin_open: file missing");
    CHECK(guard(slot, "plugin_next_batch", []() -> ss_plugin_rc { throw std::out_of_range("idx"); }) ==
          SS_PLUGIN_FAILURE);
    CHECK(std::string(slot.c_str()) == "plugin_next_batch: idx");
    CHECK(guard(slot, "plugin_close", []() -> ss_plugin_rc { throw 42; }) == SS_PLUGIN_FAILURE);
    CHECK(std::string(slot.c_str()) == "plugin_close: unknown exception (not derived from std::exception)");
}
