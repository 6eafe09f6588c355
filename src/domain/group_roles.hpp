#pragma once
// The roles a registered user holds for an application: its registration's roles, then the
// roles its groups grant for that application (FusionAuth: "as long as a User is registered to
// an Application the Group membership will allow them to inherit the corresponding Roles").
// Pure: the caller has already read the registration, the application and the groups.
//
//   claims["roles"] = domain::effective_roles(registration.data, application.data, groups);

#include <string>
#include <vector>

#include "core/json.hpp"
#include "domain/group.hpp"

namespace latchkey::domain {

// Role names in order: the registration's (as stored), then each group's roles of this
// application in the application's role order, each name once. Role ids that name no role of
// the application (another application's, or a deleted role) grant nothing.
json::array effective_roles(const json::object& registration, const json::object& application,
                            const std::vector<Group>& groups);

// The group's `roleIds` that name roles of `application`, as the application's role objects
// (id, name, description, isDefault, isSuperRole), in the application's order.
json::array group_roles_of(const Group& group, const json::object& application);

}  // namespace latchkey::domain
