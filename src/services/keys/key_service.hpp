#pragma once
// Key Master (spec/keys-apikeys.md): generate and import signing keys, name changes, deletion
// refused while a tenant or application uses a key. Private keys and HMAC secrets never appear
// in a returned document. RSA keys are at least 2048 bits and HMAC secrets at least as long as
// their hash. `owner` / `scope` is a tenant-locked caller's tenant (key_visibility.hpp): it owns
// what it creates and sees only the keys visible to it; std::nullopt is a global caller.
//
//   LATCHKEY_TRY(const auto key, keys.generate(path_id, body_key, key_scope(caller)));

#include <concepts>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "store/identity_provider_store.hpp"
#include "store/key_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

// The stores Key Master reads and writes (providers: a key in use; users: vend).
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct KeyStores {
  store::KeyStore& keys;
  store::IdentityProviderStore& identity_providers;
  store::UserStore& users;

  template <std::derived_from<store::KeyStore> Backend>
  KeyStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : keys(backend), identity_providers(backend), users(backend) {}
};

class KeyService {
 public:
  KeyService(KeyStores store, ConfigCache& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  Result<domain::SigningKey> generate(const std::optional<Uuid>& id, const json::object& request,
                                      const std::optional<Uuid>& owner = std::nullopt);
  Result<domain::SigningKey> import(const std::optional<Uuid>& id, const json::object& request,
                                    const std::optional<Uuid>& owner = std::nullopt);
  Result<domain::SigningKey> retrieve(const Uuid& id,
                                      const std::optional<Uuid>& scope = std::nullopt) const;
  std::vector<domain::SigningKey> list(const std::optional<Uuid>& scope = std::nullopt) const;
  Result<domain::SigningKey> rename(const Uuid& id, const json::object& request,
                                    const std::optional<Uuid>& scope = std::nullopt);
  Status remove(const Uuid& id, const std::optional<Uuid>& scope = std::nullopt);

  // What a tenant-locked caller may vend (issue 10 item 3): a `keyId` visible to its tenant, no
  // `sub` naming another tenant's user, and `tid` its own tenant (added when absent). A global
  // caller's claims pass unchanged.
  Status scope_vend(const std::optional<Uuid>& scope, json::object& claims,
                    const std::optional<std::string>& key_id) const;

  // GET /api/jwt/public-key: every verifying public key by kid (HMAC keys never).
  json::object public_keys() const;
  // The PEM of the key an application signs access tokens with, when it has its own
  // asymmetric key; 404 otherwise (seed).
  Result<std::string> public_key_for_application(const std::string& application_id) const;
  Result<std::string> public_key_by_kid(const std::string& kid) const;
  // GET /.well-known/jwks.json, serialized.
  std::string jwks() const;

  // First start: the "Default signing key" and the three client-secret shadow keys.
  void ensure_default_keys();

 private:
  Result<domain::SigningKey> save(domain::SigningKey key);
  std::string default_issuer() const;

  KeyStores store_;
  ConfigCache& config_;
  const Clock& clock_;
};

}  // namespace latchkey::services
