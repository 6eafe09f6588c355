#pragma once
// The services /api/* handlers call. App owns them; handlers borrow them per request.

#include "services/api_key_authenticator.hpp"
#include "services/api_key_service.hpp"
#include "services/application_service.hpp"
#include "services/change_password_service.hpp"
#include "services/identity_provider_service.hpp"
#include "services/jwt_issue_service.hpp"
#include "services/key_service.hpp"
#include "services/login_service.hpp"
#include "services/oauth_service.hpp"
#include "services/reconcile_service.hpp"
#include "services/refresh_token_service.hpp"
#include "services/registration_service.hpp"
#include "services/tenant_service.hpp"
#include "services/token_service.hpp"
#include "services/user_service.hpp"
#include "services/webhook_delivery.hpp"
#include "services/webhook_service.hpp"
#include "store/store.hpp"

namespace latchkey::api {

struct ApiServices {
  const services::ApiKeyAuthenticator& authenticator;
  services::TenantService& tenants;
  services::ApplicationService& applications;
  services::UserService& users;
  services::RegistrationService& registrations;
  services::ApiKeyService& api_keys;
  services::KeyService& keys;
  const services::TokenService& tokens;
  services::RefreshTokenService& refresh_tokens;
  services::JwtIssueService& jwt_issue;
  services::LoginService& login;
  const Clock& clock;
  store::Store& health;  // only healthy() is used, for /api/status
  services::OAuthService& oauth;
  services::ChangePasswordService& change_password;
  services::IdentityProviderService& identity_providers;
  services::ReconcileService& reconcile;
  services::WebhookService& webhooks;
  const services::DeliveryMetrics& webhook_metrics;
};

}  // namespace latchkey::api
