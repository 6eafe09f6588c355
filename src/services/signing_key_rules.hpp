#pragma once
// A tenant or application may only name signing keys that exist, and its access-token key must
// be able to sign (a key with private material, not a client-secret shadow key).

#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "services/config_cache.hpp"

namespace latchkey::services {

Status validate_signing_keys(const json::object& doc, std::string_view prefix,
                             const ConfigSnapshot& config);

}  // namespace latchkey::services
