#pragma once
// Machine-to-machine objects (FusionAuth's Entity Management): entity types with their
// permissions, entities (OAuth clients of the client_credentials grant) and the grants that
// give a user or another entity permissions on an entity. As for every record, the FusionAuth
// document lives in `data`; the typed fields are the ones looked up or enforced.

#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::domain {

// The document holds `permissions` (each with id, name, isDefault, ...) and jwtConfiguration.
struct EntityType {
  Uuid id;
  std::string name;  // unique, ignoring case
  json::object data;
};

struct Entity {
  Uuid id;
  Uuid tenant_id;
  Uuid type_id;
  std::string client_id;  // unique across tenants: the token endpoint finds the entity by it
  // Security: the client secret as services/common/token_vault's keyed hash, never the secret.
  std::string secret_hash;
  std::string name;
  json::object data;  // never holds clientSecret
};

// Permissions on `entity_id` for exactly one of a user or a recipient entity.
struct EntityGrant {
  Uuid id;
  Uuid entity_id;
  std::optional<Uuid> recipient_entity_id;
  std::optional<Uuid> user_id;
  json::object data;  // permissions, data, insertInstant, lastUpdateInstant
};

}  // namespace latchkey::domain
