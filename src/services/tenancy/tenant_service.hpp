#pragma once
// The Tenant API's rules: defaults for omitted fields, unique names, tenant-scoped callers
// seeing only their own tenant, and the default tenant that cannot be deleted.
//
//   LATCHKEY_TRY(const auto tenant, tenants.create(caller, path_id, body_tenant));

#include <concepts>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "services/common/events.hpp"
#include "services/themes/theme_service.hpp"
#include "store/tenant_store.hpp"
#include "store/unit_of_work.hpp"

namespace latchkey::services {

// The stores the tenant rules read and write.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct TenantStores {
  store::TenantStore& tenants;
  store::UnitOfWork& unit_of_work;

  template <std::derived_from<store::TenantStore> Backend>
  TenantStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : tenants(backend), unit_of_work(backend) {}
};

class TenantService {
 public:
  TenantService(TenantStores store, ConfigCache& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  Result<domain::Tenant> create(const Caller& caller, const std::optional<Uuid>& id,
                                json::object tenant);
  Result<domain::Tenant> retrieve(const Caller& caller, const Uuid& id) const;
  std::vector<domain::Tenant> list(const Caller& caller) const;
  Result<domain::Tenant> update(const Caller& caller, const Uuid& id, json::object tenant);
  Result<domain::Tenant> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                               PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);

  // The tenant a request without one applies to (vend, public keys): the caller's scope, else
  // the default tenant, the one holding the FusionAuth application.
  Result<domain::Tenant> for_vend(const Caller& caller) const;

  // Creates the Default tenant on an empty database (spec: first-start state). `issuer`, the
  // server's public URL, replaces FusionAuth's "acme.com", which is not a URL and so fails
  // discovery-driven OpenID clients.
  domain::Tenant ensure_default_tenant(const std::optional<Uuid>& wanted_id,
                                       const std::optional<std::string>& issuer = std::nullopt);

  // Raises jwt.public-key.update through `events` when an update changes signing keys.
  void use_events(EventSink& events) { events_ = &events; }
  // Checks tenant.themeId against `themes` (App always wires it; without it, unchecked).
  void use_themes(const ThemeService& themes) { themes_ = &themes; }

 private:
  Result<domain::Tenant> save(domain::Tenant tenant, bool created);

  TenantStores store_;
  ConfigCache& config_;
  const Clock& clock_;
  EventSink* events_ = nullptr;
  const ThemeService* themes_ = nullptr;
};

}  // namespace latchkey::services
