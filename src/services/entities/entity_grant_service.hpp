#pragma once
// The Entity Grant API (FusionAuth apis/entities/grants): permissions on an entity given to a
// user or to another entity of the same tenant, and what the client_credentials grant asks of
// them.
//
//   LATCHKEY_CHECK(grants.upsert(caller, target_id, body_grant));
//   const auto granted = grants.granted_permissions(target_id, requesting_entity_id);

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/entities/entity_service.hpp"
#include "store/entity_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

struct EntityGrantStores {
  store::EntityStore& entities;
  store::UserStore& users;
};

struct EntityGrantSearchResult {
  std::vector<json::object> grants;
  std::size_t total = 0;
};

class EntityGrantService {
 public:
  EntityGrantService(EntityGrantStores stores, const EntityService& entities, const Clock& clock)
      : stores_(stores), entities_(entities), clock_(clock) {}

  // Creates the grant or, when the user or recipient entity holds one on the entity already,
  // replaces its permissions and data. Permissions must be the entity type's; none given means
  // the type's default permissions.
  Status upsert(const Caller& caller, const Uuid& entity_id, const json::object& grant);
  // With a user or recipient entity: {"grant": ...} or 404; with neither: {"grants": [...]}.
  Result<json::object> retrieve(const Caller& caller, const Uuid& entity_id,
                                const std::optional<Uuid>& recipient_entity_id,
                                const std::optional<Uuid>& user_id) const;
  Status remove(const Caller& caller, const Uuid& entity_id,
                const std::optional<Uuid>& recipient_entity_id, const std::optional<Uuid>& user_id);
  // entityId, name (of the entity granted on), userId, numberOfResults, startRow, orderBy.
  Result<EntityGrantSearchResult> search(const Caller& caller, const json::object& search) const;

  // The permissions `recipient_entity_id` holds on `entity_id` that its type still defines;
  // nothing when it holds no grant there.
  std::optional<std::vector<std::string>> granted_permissions(
      const Uuid& entity_id, const Uuid& recipient_entity_id) const;

 private:
  json::object render(const domain::EntityGrant& grant, const domain::Entity& target) const;

  EntityGrantStores stores_;
  const EntityService& entities_;
  const Clock& clock_;
};

}  // namespace latchkey::services
