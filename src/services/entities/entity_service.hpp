#pragma once
// The Entity API (FusionAuth apis/entities/entities): entities in a tenant, each an OAuth
// client of the client_credentials grant with a client id and a client secret.
//
// Security: the client secret is stored only as services/common/token_vault's keyed hash
// (HMAC-SHA256 under the server's token key, which lives outside the database). It is shown
// once, in the answer to the request that set it (the create, or an update that sends a new
// one), and never again: FusionAuth shows it on every GET, Latchkey cannot. A secret Latchkey
// generates has 256 bits, so a fast keyed hash is sound (there is nothing to brute-force); an
// operator-chosen secret is as strong as the operator made it.
//
//   LATCHKEY_TRY(const auto made, entities.create(caller, path_id, body_entity));
//   LATCHKEY_TRY(const auto client, entities.authenticate(client_id, client_secret));

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "services/common/token_vault.hpp"
#include "store/entity_store.hpp"

namespace latchkey::services {

// An entity as the API shows it, with the secret only when this request set it.
struct EntityView {
  domain::Entity entity;
  std::optional<std::string> client_secret;
};

struct EntitySearchResult {
  std::vector<json::object> entities;
  std::size_t total = 0;
};

class EntityService {
 public:
  EntityService(store::EntityStore& store, const ConfigCache& config, const Clock& clock,
                const TokenVault& vault)
      : store_(store), config_(config), clock_(clock), vault_(vault) {}

  Result<EntityView> create(const Caller& caller, const std::optional<Uuid>& id,
                            json::object entity);
  Result<domain::Entity> retrieve(const Caller& caller, const Uuid& id) const;
  Result<EntityView> update(const Caller& caller, const Uuid& id, json::object entity);
  Result<EntityView> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                           PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);
  // The database search engine's criteria: ids, queryString (on the name; "*" for all),
  // numberOfResults, startRow, sortFields / orderBy. Only the caller's tenant's entities.
  Result<EntitySearchResult> search(const Caller& caller, const json::object& search) const;

  // The entity whose client id and secret these are. Security: an unknown client id and a
  // wrong secret answer the same (invalid_client, 401), and both compute one keyed hash and
  // one constant-time comparison, so neither the answer nor its timing tells them apart.
  Result<domain::Entity> authenticate(std::string_view client_id,
                                      std::string_view client_secret) const;

  // The entity document as the API shows it: its type in full, never the secret unless given.
  json::object render(const domain::Entity& entity,
                      const std::optional<std::string>& client_secret = std::nullopt) const;

 private:
  Result<EntityView> save(const Caller& caller, json::object entity, const Uuid& id,
                          const domain::Entity* previous);

  store::EntityStore& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
};

}  // namespace latchkey::services
