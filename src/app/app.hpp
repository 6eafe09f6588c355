#pragma once
// App owns every long-lived object, in dependency order: clock, store, configuration cache,
// services, route table. Serving adds the HTTP server on top.
//
//   App app(config);                 // opens and migrates the store, creates first-start state
//   return app.serve();              // until SIGTERM/SIGINT

#include <memory>
#include <optional>

#include "api/api_services.hpp"
#include "api/cors_filter.hpp"
#include "app/config.hpp"
#include "app/curl_webhook_transport.hpp"
#include "core/clock.hpp"
#include "crypto/password_hasher.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/configuration/config_document_service.hpp"
#include "services/federation/identity_provider_service.hpp"
#include "services/federation/reconcile_service.hpp"
#include "services/jwt/revoked_access_tokens.hpp"
#include "services/jwt/token_service.hpp"
#include "services/keys/key_service.hpp"
#include "services/kickstart/kickstart.hpp"
#include "services/oauth/oauth_endpoints.hpp"
#include "services/refresh/jwt_issue_service.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "services/system/system_configuration_service.hpp"
#include "services/tenancy/api_key_authenticator.hpp"
#include "services/tenancy/api_key_service.hpp"
#include "services/tenancy/application_service.hpp"
#include "services/tenancy/tenant_service.hpp"
#include "services/themes/theme_service.hpp"
#include "services/users/change_password_service.hpp"
#include "services/users/login_service.hpp"
#include "services/users/registration_service.hpp"
#include "services/users/user_service.hpp"
#include "services/webhooks/webhook_dispatcher.hpp"
#include "services/webhooks/webhook_event_sink.hpp"
#include "services/webhooks/webhook_service.hpp"
#include "store/store.hpp"

namespace latchkey::app {

class App {
 public:
  // `default_tenant_id` fixes the Default tenant's id when the database is new (kickstart's
  // defaultTenantId); otherwise a random one is chosen.
  explicit App(const Config& config, const std::optional<Uuid>& default_tenant_id = std::nullopt);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs `server` (bound already, on `port`) over this app's routes until a signal drains it;
  // returns the process exit code.
  int serve(http::Server& server, std::uint16_t port);

  // Whether the database has never been used: no users and no API keys (kickstart's rule).
  bool untouched();
  // Creates kickstart's API keys and runs its requests through the route table, stopping at
  // the first failure with an error naming the request.
  Status apply_kickstart(const services::KickstartPlan& plan);
  // The id of the Default signing key first start created (kickstart's
  // #{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}).
  [[nodiscard]] std::optional<Uuid> default_signing_key_id() const;
  // Routes one request in-process, exactly as the server would.
  http::Response dispatch(http::Request& request) const;

 private:
  Config config_;
  SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  services::ConfigCache config_cache_;
  services::ThemeService themes_;
  crypto::PasswordHasher hasher_;
  services::ApiKeyAuthenticator authenticator_;
  services::TenantService tenants_;
  services::ApplicationService applications_;
  services::UserService users_;
  services::RegistrationService registrations_;
  services::ApiKeyService api_keys_;
  services::KeyService keys_;
  services::TokenVault token_vault_;
  services::RevokedAccessTokens revoked_access_tokens_;
  services::TokenService tokens_;
  // Webhooks: the sink routes events and writes outbox rows; the dispatcher (started by
  // serve()) delivers them.
  services::DeliveryMetrics webhook_metrics_;
  services::WebhookService webhooks_;
  CurlWebhookTransport webhook_transport_;
  services::WebhookDispatcher webhook_dispatcher_;
  services::WebhookEventSink events_;
  services::RefreshTokenService refresh_tokens_;
  services::JwtIssueService jwt_issue_;
  services::LoginThrottle login_throttle_;
  services::LoginService login_;
  // The OAuth 2.0 / OpenID Connect provider, one class per job
  // (services/oauth/oauth_endpoints.hpp).
  services::ClientAuthenticator oauth_clients_;
  services::AuthorizationRequests authorization_requests_;
  services::SsoSessions sso_sessions_;
  services::AuthorizationCodes authorization_codes_;
  services::HostedLogin hosted_login_;
  services::IdTokens id_tokens_;
  services::TokenIssuer token_issuer_;
  services::CodeGrant code_grant_;
  services::PasswordGrant password_grant_;
  services::RefreshGrant refresh_grant_;
  // Machine to machine: entity types, entities, grants and the client_credentials grant.
  services::EntityTypeService entity_types_;
  services::EntityService entities_;
  services::EntityGrantService entity_grants_;
  services::ClientCredentialsGrant client_credentials_grant_;
  services::TokenEndpoint token_endpoint_;
  services::TokenIntrospection token_introspection_;
  services::TokenRevocation token_revocation_;
  services::Userinfo userinfo_;
  services::Discovery discovery_;
  services::OAuthEndpoints oauth_;
  services::ChangePasswordService change_password_;
  services::IdentityProviderService identity_providers_;
  services::ReconcileService reconcile_;
  services::ConfigDocumentService documents_;
  services::GroupService groups_;
  // The System Configuration, and its corsConfiguration applied around every route.
  services::SystemConfigurationService system_configuration_;
  api::CorsFilter cors_;
  api::ApiServices api_services_;
  http::Router router_;
};

// The HTTP server's settings from the configuration.
http::ServerOptions server_options(const Config& config);

// Applies the configured kickstart file to an untouched database, all or nothing: the plan is
// run against a fresh file beside the database, which replaces it only when every step
// succeeded. Returns the kickstart's welcome lines to print (may be empty).
Result<std::vector<std::string>> prepare_database(const Config& config);

}  // namespace latchkey::app
