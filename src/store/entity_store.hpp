#pragma once
// Entity types, entities and entity grants (store/migrations/0015). Deleting an entity type
// deletes its entities; deleting an entity deletes the grants on it and the grants it holds;
// deleting a user deletes the grants it holds. An entity's tenant and type are fixed at
// creation. A grant is unique per (entity, recipient entity) and per (entity, user).
//
// Concurrency: each write is one statement; of two concurrent inserts of one grant (or one
// client id) exactly one succeeds and the other gets a Conflict.
//
//   if (auto written = entities.insert_entity(entity); !written) { ... }

#include <optional>
#include <string>
#include <vector>

#include "domain/entity.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class EntityStore {
 public:
  virtual ~EntityStore() = default;

  virtual std::vector<domain::EntityType> list_entity_types() = 0;
  virtual std::optional<domain::EntityType> find_entity_type(const Uuid& id) = 0;
  // kDuplicateId, kDuplicateName.
  virtual WriteResult insert_entity_type(const domain::EntityType& type) = 0;
  // kDuplicateName; kMissingParent when the type is gone.
  virtual WriteResult update_entity_type(const domain::EntityType& type) = 0;
  virtual bool delete_entity_type(const Uuid& id) = 0;

  // Every entity, or only those of `tenant_id`, ordered by name.
  virtual std::vector<domain::Entity> list_entities(const std::optional<Uuid>& tenant_id) = 0;
  virtual std::optional<domain::Entity> find_entity(const Uuid& id) = 0;
  virtual std::optional<domain::Entity> find_entity_by_client_id(const std::string& client_id) = 0;
  // kDuplicateId, kDuplicateKey (the client id is taken), kMissingParent (tenant or type gone).
  virtual WriteResult insert_entity(const domain::Entity& entity) = 0;
  // Updates name, client id, secret hash and document; kDuplicateKey, kMissingParent.
  virtual WriteResult update_entity(const domain::Entity& entity) = 0;
  virtual bool delete_entity(const Uuid& id) = 0;

  // Grants on `entity_id`, or every grant when it is absent, oldest first.
  virtual std::vector<domain::EntityGrant> list_entity_grants(
      const std::optional<Uuid>& entity_id) = 0;
  // The grant on `entity_id` held by the recipient entity or the user (exactly one is set).
  virtual std::optional<domain::EntityGrant> find_entity_grant(
      const Uuid& entity_id, const std::optional<Uuid>& recipient_entity_id,
      const std::optional<Uuid>& user_id) = 0;
  // kDuplicateId when such a grant exists already, kMissingParent when an entity or user is gone.
  virtual WriteResult insert_entity_grant(const domain::EntityGrant& grant) = 0;
  virtual WriteResult update_entity_grant(const domain::EntityGrant& grant) = 0;
  virtual bool delete_entity_grant(const Uuid& grant_id) = 0;
};

}  // namespace latchkey::store
