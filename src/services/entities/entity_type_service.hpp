#pragma once
// The Entity Type API (FusionAuth apis/entities/entity-types): entity types, their JWT settings
// for client_credentials tokens, and their permissions. Entity types are global objects:
// FusionAuth serves them to a global API key only, so a tenant-locked key gets 401.
//
//   LATCHKEY_TRY(const auto type, types.create(caller, path_id, body));
//   LATCHKEY_TRY(const auto permission, types.create_permission(caller, type_id, std::nullopt, p));

#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "store/entity_store.hpp"

namespace latchkey::services {

struct EntityTypeSearchResult {
  std::vector<json::object> entity_types;
  std::size_t total = 0;
};

class EntityTypeService {
 public:
  EntityTypeService(store::EntityStore& store, const ConfigCache& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // `type` is the request's entityType object; its permissions, if any, are created with it.
  Result<domain::EntityType> create(const Caller& caller, const std::optional<Uuid>& id,
                                    json::object type);
  Result<domain::EntityType> retrieve(const Caller& caller, const Uuid& id) const;
  Result<std::vector<domain::EntityType>> list(const Caller& caller) const;
  Result<domain::EntityType> update(const Caller& caller, const Uuid& id, json::object type);
  Result<domain::EntityType> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                                   PatchStyle style);
  // Deletes the type and every entity of it (and so their grants).
  Status remove(const Caller& caller, const Uuid& id);
  // `search` is the request's search object: name, numberOfResults, startRow, orderBy.
  Result<EntityTypeSearchResult> search(const Caller& caller, const json::object& search) const;

  // Permissions: answer the permission as stored in the type.
  Result<json::object> create_permission(const Caller& caller, const Uuid& type_id,
                                         const std::optional<Uuid>& permission_id,
                                         json::object permission);
  Result<json::object> update_permission(const Caller& caller, const Uuid& type_id,
                                         const Uuid& permission_id, json::object permission);
  Result<json::object> patch_permission(const Caller& caller, const Uuid& type_id,
                                        const Uuid& permission_id, const json::object& patch,
                                        PatchStyle style);
  // By id, or by name when `permission_id` is absent.
  Status remove_permission(const Caller& caller, const Uuid& type_id,
                           const std::optional<Uuid>& permission_id,
                           const std::optional<std::string>& name);

 private:
  Result<domain::EntityType> prepare(json::object type, const Uuid& id,
                                     const domain::EntityType* previous) const;
  Result<domain::EntityType> save(domain::EntityType type, bool created);
  Result<domain::EntityType> find(const Uuid& id) const;

  store::EntityStore& store_;
  const ConfigCache& config_;
  const Clock& clock_;
};

// The permission names of a type's document, and those marked isDefault.
std::vector<std::string> permission_names(const json::object& type_doc);
std::vector<std::string> default_permission_names(const json::object& type_doc);

}  // namespace latchkey::services
