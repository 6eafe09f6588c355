#pragma once
// Groups and group members (store/migrations/0014_groups.sql). A group's name is unique within
// its tenant, ignoring case; a user is a member of a group at most once. Deleting a group or a
// user deletes its memberships. Each call is atomic: a batch of members is added or replaced
// whole or not at all, so a refused request leaves no partial membership behind.
//
//   for (const auto& group : groups.groups_of_user(user_id)) { ... }   // token issuing

#include <optional>
#include <vector>

#include "domain/group.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class GroupStore {
 public:
  virtual ~GroupStore() = default;

  // Every group, or one tenant's, ordered by name.
  virtual std::vector<domain::Group> list_groups(const std::optional<Uuid>& tenant_id) = 0;
  virtual std::optional<domain::Group> find_group(const Uuid& id) = 0;
  // kDuplicateId, kDuplicateName (same tenant, same name), kMissingParent (no such tenant).
  virtual WriteResult insert_group(const domain::Group& group) = 0;
  // kDuplicateName; kMissingParent when the group is gone.
  virtual WriteResult update_group(const domain::Group& group) = 0;
  virtual bool delete_group(const Uuid& id) = 0;

  // The groups `user_id` is a member of, ordered by name: what token issuing reads.
  virtual std::vector<domain::Group> groups_of_user(const Uuid& user_id) = 0;

  virtual std::optional<domain::GroupMember> find_member(const Uuid& member_id) = 0;
  // Members of a group and/or of a user (either may be absent), ordered by insertion instant,
  // then user id, then group id (FusionAuth's default order).
  virtual std::vector<domain::GroupMember> list_members(const std::optional<Uuid>& group_id,
                                                        const std::optional<Uuid>& user_id) = 0;
  // Adds every member, or none: kDuplicateId (a member id in use), kMissingParent (the group
  // or a user is gone). A user already in the group keeps its membership: the answer holds the
  // stored one in its place.
  virtual std::expected<std::vector<domain::GroupMember>, Conflict> add_members(
      const std::vector<domain::GroupMember>& members) = 0;
  // Replaces the whole membership of each group named in `members` (by group_id) with the
  // members given for it, atomically.
  virtual std::expected<std::vector<domain::GroupMember>, Conflict> replace_members(
      const std::vector<Uuid>& group_ids, const std::vector<domain::GroupMember>& members) = 0;
  // Removes the given memberships; answers how many were removed.
  virtual std::size_t delete_members(const std::vector<Uuid>& member_ids) = 0;
  // Removes `user_ids` from `group_id` (every member when `user_ids` is empty).
  virtual std::size_t delete_group_members(const Uuid& group_id,
                                           const std::vector<Uuid>& user_ids) = 0;
};

}  // namespace latchkey::store
