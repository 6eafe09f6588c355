#pragma once
// Tenants, applications and API keys are read on every request but change rarely, so readers
// see an immutable snapshot through an atomic shared_ptr and never lock or touch the
// database. Every write through a service publishes a fresh snapshot. Tenants' and
// applications' settings are parsed into typed views (domain/tenant_settings.hpp,
// domain/application_settings.hpp) once, when the snapshot is built: services read those,
// never the settings' JSON.
//
//   const auto snapshot = cache.current();
//   if (const auto* app = snapshot->find_application(id)) {
//     const auto settings = snapshot->settings(*app);
//     if (settings->oauth.generate_refresh_tokens) ...
//   }

#include <atomic>
#include <concepts>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/application_settings.hpp"
#include "domain/jwt_settings.hpp"
#include "domain/records.hpp"
#include "domain/tenant_settings.hpp"
#include "jose/key.hpp"
#include "store/api_key_store.hpp"
#include "store/application_store.hpp"
#include "store/key_store.hpp"
#include "store/tenant_store.hpp"

namespace latchkey::services {

// A Key Master key and, unless it is a shadow key, its ready-to-use material.
struct KeyEntry {
  domain::SigningKey record;
  std::optional<jose::Key> key;
};

class ConfigSnapshot {
 public:
  [[nodiscard]] const KeyEntry* find_key(const Uuid& id) const;
  [[nodiscard]] const KeyEntry* find_key_by_kid(std::string_view kid) const;
  [[nodiscard]] const std::vector<KeyEntry>& keys() const { return keys_; }
  // The key first start created to sign access tokens ("Default signing key").
  [[nodiscard]] const KeyEntry* default_signing_key() const;
  // The JSON Web Key Set of every public key, serialized once per snapshot: JWKS is a hot,
  // unauthenticated endpoint.
  [[nodiscard]] const std::string& jwks_json() const { return jwks_json_; }
  [[nodiscard]] const domain::Tenant* find_tenant(const Uuid& id) const;
  [[nodiscard]] const domain::Application* find_application(const Uuid& id) const;
  // Finds the API key whose value equals `presented`, comparing in constant time.
  [[nodiscard]] const domain::ApiKey* find_api_key_by_value(std::string_view presented) const;
  [[nodiscard]] const std::map<std::string, domain::Tenant>& tenants() const { return tenants_; }
  [[nodiscard]] const std::map<std::string, domain::Application>& applications() const {
    return applications_;
  }
  // The typed settings of a tenant or an application. Those of a record this snapshot holds
  // were parsed when it was built; a record it does not hold (one from an older snapshot, or a
  // test's) is parsed on the spot, so the answer is always that record's own. Keep the pointer
  // while using what it points to.
  [[nodiscard]] std::shared_ptr<const domain::TenantSettings> settings(
      const domain::Tenant& tenant) const;
  [[nodiscard]] std::shared_ptr<const domain::ApplicationSettings> settings(
      const domain::Application& application) const;
  // The JWT and refresh-token settings in force for `tenant` and, when given, `application`:
  // the application's jwtConfiguration when it is enabled, the tenant's otherwise.
  [[nodiscard]] domain::JwtSettings jwt_settings(const domain::Tenant& tenant,
                                                 const domain::Application* application) const;

 private:
  friend class ConfigCache;
  std::map<std::string, domain::Tenant> tenants_;
  std::map<std::string, domain::Application> applications_;
  // Keyed by the address of the record in tenants_ / applications_ (map nodes never move).
  std::unordered_map<const domain::Tenant*, std::shared_ptr<const domain::TenantSettings>>
      tenant_settings_;
  std::unordered_map<const domain::Application*, std::shared_ptr<const domain::ApplicationSettings>>
      application_settings_;
  std::unordered_map<std::string, domain::ApiKey> api_keys_by_digest_;
  std::vector<KeyEntry> keys_;
  std::unordered_map<std::string, std::size_t> key_index_by_id_;
  std::unordered_map<std::string, std::size_t> key_index_by_kid_;
  std::string jwks_json_;
};

// What the config snapshot is built from.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct ConfigStores {
  store::TenantStore& tenants;
  store::ApplicationStore& applications;
  store::ApiKeyStore& api_keys;
  store::KeyStore& keys;

  template <std::derived_from<store::TenantStore> Backend>
  ConfigStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : tenants(backend), applications(backend), api_keys(backend), keys(backend) {}
};

class ConfigCache {
 public:
  explicit ConfigCache(ConfigStores store);

  [[nodiscard]] std::shared_ptr<const ConfigSnapshot> current() const {
    return snapshot_.load(std::memory_order_acquire);
  }
  // Re-reads the configuration tables and publishes the result.
  void reload();

 private:
  ConfigStores store_;
  std::mutex reload_mutex_;  // orders writers' reloads; readers never take it
  std::atomic<std::shared_ptr<const ConfigSnapshot>> snapshot_;
};

}  // namespace latchkey::services
