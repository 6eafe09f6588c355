#pragma once
// The API Key API's rules (spec/keys-apikeys.md): only key-manager keys manage keys, a
// tenant-scoped manager only keys of its tenant, key-manager keys are created only by
// kickstart, `retrievable: false` keys are shown once, and a manager grants at most the
// endpoints, methods and tenant it holds itself (see api_key_permissions.hpp).
//
//   LATCHKEY_TRY(const auto key, api_keys.create(caller, path_id, body_api_key));

#include <optional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "store/api_key_store.hpp"

namespace latchkey::services {

// What the API answers with: the record and whether its key value may be shown.
struct ApiKeyView {
  domain::ApiKey key;
  bool reveal_key = true;
};

class ApiKeyService {
 public:
  ApiKeyService(store::ApiKeyStore& store, ConfigCache& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  Result<ApiKeyView> create(const Caller& caller, const std::optional<Uuid>& id,
                            json::object api_key);
  Result<ApiKeyView> retrieve(const Caller& caller, const Uuid& id) const;
  Result<ApiKeyView> update(const Caller& caller, const Uuid& id, json::object api_key);
  Result<ApiKeyView> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                           PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);

  // Kickstart's path: the only way a key-manager key comes to exist.
  Result<domain::ApiKey> create_bootstrap_key(const std::optional<Uuid>& id, json::object api_key);

 private:
  Result<domain::ApiKey> prepare(json::object api_key, const Uuid& id,
                                 const domain::ApiKey* previous, bool allow_key_manager);
  Result<domain::ApiKey> save(domain::ApiKey key, bool created);
  Result<domain::ApiKey> find_manageable(const Caller& caller, const Uuid& id) const;

  store::ApiKeyStore& store_;
  ConfigCache& config_;
  const Clock& clock_;
};

}  // namespace latchkey::services
