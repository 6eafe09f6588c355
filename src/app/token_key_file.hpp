#pragma once
// The master key that protects refresh-token values at rest lives in a file beside (not inside)
// the database: created on first start with 0600 permissions, shared by every node of a cluster.

#include <string>

#include "core/secret.hpp"

namespace latchkey::app {

// Reads the base64 key from `path`, creating it with a fresh random key when absent.
// Throws std::runtime_error when the file is unreadable, malformed or readable by others.
Secret load_or_create_token_key(const std::string& path);

}  // namespace latchkey::app
