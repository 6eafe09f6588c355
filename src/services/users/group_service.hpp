#pragma once
// The Group API (/api/group, /api/group/member): groups of one tenant that grant application
// roles (`roleIds`, roles of applications in that tenant), and their members (users of that
// tenant). Token issuing reads the memberships through store::GroupStore
// (services/jwt/token_service.cpp); this service owns the rules for writing them.
//
//   LATCHKEY_TRY(const auto group, groups.create(caller, path_id, body_group, role_ids));
//   json::object shown = groups.render(group);   // with `roles` keyed by application id

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "store/group_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

// Binds to any backend that implements them all (store::Store in app/ and tests).
struct GroupStores {
  store::GroupStore& groups;
  store::UserStore& users;

  template <std::derived_from<store::GroupStore> Backend>
  GroupStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : groups(backend), users(backend) {}
};

// GET/POST /api/group/search. `name` is case-insensitive, `*` a wildcard; without one it
// matches anywhere in the name.
struct GroupSearch {
  std::optional<std::string> name = std::nullopt;
  std::optional<Uuid> tenant_id = std::nullopt;
  std::int64_t start_row = 0;
  std::int64_t number_of_results = 25;
  std::string order_by = "name ASC";
};

struct MemberSearch {
  std::optional<Uuid> group_id = std::nullopt;
  std::optional<Uuid> user_id = std::nullopt;
  std::int64_t start_row = 0;
  std::int64_t number_of_results = 25;
  std::string order_by = "insertInstant ASC, userId ASC, groupId ASC";
};

template <class T>
struct GroupSearchResults {
  std::vector<T> results;
  std::size_t total = 0;
};

// Members keyed by group id, as the Member API answers them.
using MembersByGroup = std::map<std::string, std::vector<domain::GroupMember>>;

class GroupService {
 public:
  GroupService(GroupStores stores, ConfigCache& config, const Clock& clock)
      : stores_(stores), config_(config), clock_(clock) {}

  Result<domain::Group> create(const Caller& caller, const std::optional<Uuid>& id,
                               json::object group, const std::optional<json::array>& role_ids);
  Result<domain::Group> retrieve(const Caller& caller, const Uuid& id) const;
  std::vector<domain::Group> list(const Caller& caller) const;
  // PUT: absent roleIds leave the group with no roles.
  Result<domain::Group> update(const Caller& caller, const Uuid& id, json::object group,
                               const std::optional<json::array>& role_ids);
  // PATCH: absent roleIds keep the group's roles.
  Result<domain::Group> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                              const std::optional<json::array>& role_ids, PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);
  Result<GroupSearchResults<domain::Group>> search(const Caller& caller,
                                                   const GroupSearch& search) const;

  // POST /api/group/member (add) and PUT (replace each named group's members).
  Result<MembersByGroup> add_members(const Caller& caller, const json::object& members);
  Result<MembersByGroup> replace_members(const Caller& caller, const json::object& members);
  Status remove_member(const Caller& caller, const Uuid& member_id);
  Status remove_members(const Caller& caller, const std::vector<Uuid>& member_ids);
  // Removes `user_ids` from the group, or every member when `user_ids` is empty.
  Status remove_group_members(const Caller& caller, const Uuid& group_id,
                              const std::vector<Uuid>& user_ids);
  Result<GroupSearchResults<domain::GroupMember>> search_members(const Caller& caller,
                                                                 const MemberSearch& search) const;

  // The group as FusionAuth shows it: its document without `roleIds`, plus `roles`, keyed by
  // application id, holding the role objects of the tenant's applications it grants.
  [[nodiscard]] json::object render(const domain::Group& group) const;

 private:
  Result<domain::Group> prepare(const Caller& caller, json::object group, const Uuid& id,
                                const std::optional<json::array>& role_ids,
                                const domain::Group* previous) const;
  Result<domain::Group> save(domain::Group group, bool created);
  Result<std::vector<domain::GroupMember>> read_members(const Caller& caller,
                                                        const json::object& members,
                                                        std::vector<Uuid>& group_ids) const;
  const domain::Group* visible_group(const Caller& caller, const Uuid& id,
                                     std::optional<domain::Group>& holder) const;

  GroupStores stores_;
  ConfigCache& config_;
  const Clock& clock_;
};

}  // namespace latchkey::services
