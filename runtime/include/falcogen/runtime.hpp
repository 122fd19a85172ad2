// What generated plugin headers (and so author code) include: light headers
// only, so an author's source file compiles fast.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "falcogen/base/error.hpp"
#include "falcogen/base/logger.hpp"
#include "falcogen/base/text.hpp"
#include "falcogen/event/plugin_event.hpp"
#include "falcogen/source/event_batch.hpp"
#include "falcogen/wire/reader.hpp"
#include "falcogen/wire/types.hpp"
#include "falcogen/wire/writer.hpp"
