#pragma once
// The Application API's rules: tenant resolution, defaults, OAuth client id/secret, roles,
// soft and hard delete, and the built-in FusionAuth application that cannot be deleted.
//
//   LATCHKEY_TRY(const auto app, applications.create(caller, path_id, body_application));

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
#include "store/application_store.hpp"
#include "store/unit_of_work.hpp"

namespace latchkey::services {

struct ApplicationWithRole {
  domain::Application application;
  json::object role;
};

// The stores the application rules read and write.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct ApplicationStores {
  store::ApplicationStore& applications;
  store::UnitOfWork& unit_of_work;

  template <std::derived_from<store::ApplicationStore> Backend>
  ApplicationStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : applications(backend), unit_of_work(backend) {}
};

class ApplicationService {
 public:
  ApplicationService(ApplicationStores store, ConfigCache& config, const Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  Result<domain::Application> create(const Caller& caller, const std::optional<Uuid>& id,
                                     json::object application);
  Result<domain::Application> retrieve(const Caller& caller, const Uuid& id) const;
  std::vector<domain::Application> list(const Caller& caller, bool inactive) const;
  Result<domain::Application> update(const Caller& caller, const Uuid& id,
                                     json::object application);
  Result<domain::Application> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                                    PatchStyle style);
  Result<domain::Application> reactivate(const Caller& caller, const Uuid& id);
  Status remove(const Caller& caller, const Uuid& id, bool hard_delete);

  Result<ApplicationWithRole> create_role(const Caller& caller, const Uuid& application_id,
                                          const std::optional<Uuid>& role_id, json::object role);
  Result<ApplicationWithRole> update_role(const Caller& caller, const Uuid& application_id,
                                          const Uuid& role_id, json::object role, bool merge);
  Status remove_role(const Caller& caller, const Uuid& application_id, const Uuid& role_id);

  // The OAuth Scope API (/api/application/{id}/scope): custom scopes live in the
  // application's `scopes`, which only these change (application_scopes.cpp).
  Result<json::object> create_scope(const Caller& caller, const Uuid& application_id,
                                    const std::optional<Uuid>& scope_id, json::object scope);
  Result<json::object> retrieve_scope(const Caller& caller, const Uuid& application_id,
                                      const Uuid& scope_id) const;
  // `patch`: how a PATCH merges the body into the stored scope; none for a PUT, which replaces.
  Result<json::object> update_scope(const Caller& caller, const Uuid& application_id,
                                    const Uuid& scope_id, json::object scope,
                                    std::optional<PatchStyle> patch);
  Status remove_scope(const Caller& caller, const Uuid& application_id, const Uuid& scope_id);

  // Creates the built-in FusionAuth application in `tenant_id` when it does not exist yet.
  void ensure_fusionauth_application(const Uuid& tenant_id);

  // Raises jwt.public-key.update through `events` when an update changes signing keys.
  void use_events(EventSink& events) { events_ = &events; }
  // Checks application.themeId against `themes` (App always wires it; without it, unchecked).
  void use_themes(const ThemeService& themes) { themes_ = &themes; }

 private:
  Result<domain::Application> save(domain::Application application, bool created);
  // Writes a new version of `existing`, roles included (the role API's path).
  // `key_scope` is a tenant-locked caller's tenant: it may only name keys visible to it.
  Result<domain::Application> replace(const domain::Application& existing, json::object application,
                                      const std::optional<Uuid>& key_scope = std::nullopt);
  Result<domain::Application> prepare(json::object application, const Uuid& id,
                                      const Uuid& tenant_id, const json::object* previous,
                                      const std::optional<Uuid>& key_scope = std::nullopt);

  ApplicationStores store_;
  ConfigCache& config_;
  const Clock& clock_;
  EventSink* events_ = nullptr;
  const ThemeService* themes_ = nullptr;
};

}  // namespace latchkey::services
