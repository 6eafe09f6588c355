#pragma once
// Groups and their members (FusionAuth's Group API). A group belongs to one tenant and holds
// application roles by id (`roleIds` in its document); a registered user inherits the roles of
// the groups it belongs to for that application (domain/group_roles.hpp).

#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::domain {

struct Group {
  Uuid id;
  Uuid tenant_id;
  std::string name;  // unique within its tenant, ignoring case
  // The FusionAuth document as stored: name, data, tenantId, insertInstant, lastUpdateInstant
  // and `roleIds` (the Application Role ids it grants; `roles` is rendered from them).
  json::object data;
};

// One membership: a user in a group. A user is in a group at most once.
struct GroupMember {
  Uuid id;
  Uuid group_id;
  Uuid user_id;
  Instant insert_instant;
  json::object data;  // the member's free-form `data`
};

}  // namespace latchkey::domain
