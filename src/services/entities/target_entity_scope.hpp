#pragma once
// The client_credentials grant's scope (FusionAuth's OAuth endpoints, "Client Credentials Grant
// Request"): space-separated `target-entity:<entityId>` or `target-entity:<entityId>:<p1>,<p2>`
// values, and the rule that decides which permissions a token on each target carries. Pure: no
// store, no clock.
//
//   LATCHKEY_TRY(const auto targets, parse_target_entity_scopes(request.scope));
//   LATCHKEY_TRY(const auto permissions, token_permissions(target, granted));

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

// One target entity and the permissions requested on it (empty: every granted one). A target
// named twice is merged into one, its permissions in request order without repeats.
struct TargetEntityScope {
  Uuid entity_id;
  std::vector<std::string> permissions;
};

// Every target-entity value of `scope`, in request order; other scope values are ignored.
// A malformed target-entity value (no id, an id that is not a UUID, an empty permission) and a
// scope with no target-entity value at all are 400 invalid_scope, error_reason
// invalid_target_entity_scope.
Result<std::vector<TargetEntityScope>> parse_target_entity_scopes(
    const std::optional<std::string>& scope);

// The permissions a token on `target` carries, given those `granted` to the requesting entity
// on it. FusionAuth: when permissions are requested, every one of them must have been granted
// (otherwise 400 invalid_scope, error_reason invalid_entity_permission_scope) and the token
// carries exactly those; when none are, it carries every granted permission.
Result<std::vector<std::string>> token_permissions(const TargetEntityScope& target,
                                                   const std::vector<std::string>& granted);

}  // namespace latchkey::services
