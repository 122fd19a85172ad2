// What a plugin author's code sees: included by the generated plugin.gen.hpp,
// so an author's source file needs no other falcogen header. Only the author
// set (falcogen/*.hpp); the runtime's internals are under falcogen/detail/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/error.hpp"
#include "falcogen/event_batch.hpp"
#include "falcogen/logger.hpp"
#include "falcogen/make_plugin.hpp"
#include "falcogen/metrics.hpp"
#include "falcogen/scap_event.hpp"
#include "falcogen/text.hpp"
#include "falcogen/types.hpp"
