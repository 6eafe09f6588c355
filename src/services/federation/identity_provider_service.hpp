#pragma once
// The Identity Provider API (spec/identity-providers-external-jwt.md): every FusionAuth type is
// stored with its polymorphic shape and its own required fields (identity_provider_types.hpp);
// ExternalJWT, the type Latchkey runs, adds its verification keys (Key Master ids, and the
// legacy `keys` map of kid -> PEM imported into Key Master under that kid). The type and the
// tenant are read-only.
//
//   LATCHKEY_TRY(const auto provider, providers.create(caller, path_id, body_provider));

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "services/keys/key_service.hpp"
#include "store/identity_provider_store.hpp"

namespace latchkey::services {

inline constexpr std::string_view kExternalJwtType = "ExternalJWT";

class IdentityProviderService {
 public:
  IdentityProviderService(store::IdentityProviderStore& store, ConfigCache& config,
                          const Clock& clock, KeyService& keys)
      : store_(store), config_(config), clock_(clock), keys_(keys) {}

  Result<domain::IdentityProvider> create(const Caller& caller, const std::optional<Uuid>& id,
                                          json::object provider);
  Result<domain::IdentityProvider> retrieve(const Caller& caller, const Uuid& id) const;
  // Every provider the caller may see, optionally of one type (?type=ExternalJWT).
  std::vector<domain::IdentityProvider> list(const Caller& caller,
                                             const std::optional<std::string>& type) const;
  Result<domain::IdentityProvider> update(const Caller& caller, const Uuid& id,
                                          json::object provider);
  Result<domain::IdentityProvider> patch(const Caller& caller, const Uuid& id,
                                         const json::object& patch, PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);
  // GET /api/identity-provider/lookup: the provider managing the domain of `domain` (a domain
  // or an email address), as the Lookup API shows it; 404 when none does.
  Result<json::object> lookup(const Caller& caller, std::string_view domain,
                              const std::optional<Uuid>& tenant_id) const;
  // The providers a hosted login page of `application_id` (in `tenant_id`) may offer: enabled
  // globally and for the application, of the tenant or global, and of a type Latchkey runs.
  // Stored providers of other types (OpenIDConnect, Google, SAMLv2, ...) are never offered.
  std::vector<domain::IdentityProvider> login_page_providers(const Uuid& tenant_id,
                                                             const Uuid& application_id) const;

 private:
  Result<domain::IdentityProvider> prepare(const Caller& caller, json::object provider,
                                           const Uuid& id,
                                           const domain::IdentityProvider* previous);
  // Imports the legacy `keys` map into Key Master; answers the ids it created (to undo).
  Result<std::vector<Uuid>> import_legacy_keys(const Caller& caller, json::object& provider);
  Result<domain::IdentityProvider> save(domain::IdentityProvider provider, bool created,
                                        const std::vector<Uuid>& imported_keys);
  Result<domain::IdentityProvider> write(domain::IdentityProvider provider, bool created,
                                         const std::vector<Uuid>& imported_keys);

  store::IdentityProviderStore& store_;
  ConfigCache& config_;
  const Clock& clock_;
  KeyService& keys_;
};

}  // namespace latchkey::services
