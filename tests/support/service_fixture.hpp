#pragma once
// Every service wired to a real SQLite file and a FakeClock, as App wires them, for rule tests
// that need no HTTP.

#include <memory>

#include "crypto/password_hasher.hpp"
#include "domain/refresh_token_policy.hpp"
#include "fake_clock.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/events.hpp"
#include "services/common/token_vault.hpp"
#include "services/federation/identity_provider_service.hpp"
#include "services/federation/reconcile_service.hpp"
#include "services/jwt/revoked_access_tokens.hpp"
#include "services/jwt/token_service.hpp"
#include "services/keys/key_service.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "services/tenancy/api_key_authenticator.hpp"
#include "services/tenancy/api_key_service.hpp"
#include "services/tenancy/application_service.hpp"
#include "services/tenancy/tenant_service.hpp"
#include "services/themes/theme_service.hpp"
#include "services/users/group_service.hpp"
#include "services/users/login_service.hpp"
#include "services/users/registration_service.hpp"
#include "services/users/user_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "temp_database.hpp"

namespace latchkey::testing {

struct ServiceFixture {
  TempDatabase database;
  FakeClock clock;
  std::unique_ptr<store::Store> store = store::sqlite::SqliteStore::open(database.path(), 2);
  services::ConfigCache config{*store};
  crypto::PasswordHasher hasher;
  services::ApiKeyAuthenticator authenticator{config, clock};
  services::TenantService tenants{*store, config, clock};
  services::ApplicationService applications{*store, config, clock};
  services::ThemeService themes{*store, config, clock};
  bool themes_ready = (tenants.use_themes(themes), applications.use_themes(themes), true);
  services::UserService users{*store, config, clock, hasher};
  services::RegistrationService registrations{*store, config, clock, users};
  services::ApiKeyService api_keys{*store, config, clock};
  services::KeyService keys{*store, config, clock};
  // First-start state, in App's order: keys, then the Default tenant that points at them.
  bool keys_ready = (keys.ensure_default_keys(), true);
  domain::Tenant default_tenant = tenants.ensure_default_tenant(std::nullopt);
  services::TokenVault vault{Secret(std::string(32, 'k'))};
  services::RevokedAccessTokens revoked_access_tokens{*store, clock};
  services::TokenService tokens{*store, config, clock, revoked_access_tokens};
  services::DiscardingEventSink events;
  services::RefreshTokenService refresh_tokens{*store, config, clock, vault, tokens, events};
  // Revocation policies wired as App wires them.
  bool listeners_ready =
      (users.on_password_changed([this](const Uuid& id) {
        (void)refresh_tokens.revoke_for_user(id, services::RevocationReason::kPasswordChanged);
      }),
       users.on_deactivated([this](const Uuid& id) {
         (void)refresh_tokens.revoke_for_user(id, services::RevocationReason::kLoginPrevented);
       }),
       true);
  // Off unless a test turns it on: rule tests log in many times at one instant.
  services::LoginThrottle throttle{services::LoginThrottleSettings{0, 0, std::chrono::seconds(0)}};
  services::LoginService login{*store,         config, clock, hasher, tokens,
                               refresh_tokens, vault,  users, events, throttle};
  services::IdentityProviderService identity_providers{*store, config, clock, keys};
  services::ReconcileService reconcile{*store, config, clock, vault, registrations, login, events};
  services::GroupService groups{*store, config, clock};

  // A global caller with every permission, as an unrestricted API key gives.
  services::Caller admin() const { return services::Caller{}; }
};

inline json::object parse(std::string_view text) { return *json::parse_object(text); }

}  // namespace latchkey::testing
