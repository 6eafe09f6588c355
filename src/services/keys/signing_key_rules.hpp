#pragma once
// A tenant or application may only name signing keys that exist, and its access-token key must
// be able to sign (a key with private material, not a client-secret shadow key). A tenant-locked
// caller (`scope`) may only name keys already visible to its tenant (key_visibility.hpp), so it
// cannot borrow another tenant's key by pointing its own configuration at it.

#include <optional>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

Status validate_signing_keys(const json::object& doc, std::string_view prefix,
                             const ConfigSnapshot& config,
                             const std::optional<Uuid>& scope = std::nullopt);

}  // namespace latchkey::services
