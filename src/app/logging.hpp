#pragma once
// Sets up spdlog for the whole process: human-readable lines, or one JSON object per line
// (the message JSON-escaped) for log shippers.

#include "app/config.hpp"

namespace latchkey::app {

void configure_logging(LogFormat format);

}  // namespace latchkey::app
