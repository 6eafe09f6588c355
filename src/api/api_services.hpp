#pragma once
// The services /api/* handlers call. App owns them; handlers borrow them per request.

#include "services/configuration/config_document_service.hpp"
#include "services/entities/entity_grant_service.hpp"
#include "services/entities/entity_service.hpp"
#include "services/entities/entity_type_service.hpp"
#include "services/federation/identity_provider_service.hpp"
#include "services/federation/reconcile_service.hpp"
#include "services/jwt/token_service.hpp"
#include "services/keys/key_service.hpp"
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
#include "services/users/group_service.hpp"
#include "services/users/login_service.hpp"
#include "services/users/registration_service.hpp"
#include "services/users/user_service.hpp"
#include "services/webhooks/webhook_delivery.hpp"
#include "services/webhooks/webhook_service.hpp"
#include "store/health_check.hpp"

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
  store::HealthCheck& health;  // for /api/status
  const services::OAuthEndpoints& oauth;
  services::ChangePasswordService& change_password;
  services::IdentityProviderService& identity_providers;
  services::ReconcileService& reconcile;
  services::WebhookService& webhooks;
  const services::DeliveryMetrics& webhook_metrics;
  services::ConfigDocumentService& documents;  // email templates, forms, lambdas, ...
  services::EntityTypeService& entity_types;
  services::EntityService& entities;
  services::EntityGrantService& entity_grants;
  services::ThemeService& themes;
  services::GroupService& groups;
  services::SystemConfigurationService& system_configuration;
};

}  // namespace latchkey::api
