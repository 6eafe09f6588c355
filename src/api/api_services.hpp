#pragma once
// The services /api/* handlers call. App owns them; handlers borrow them per request.

#include "services/api_key_authenticator.hpp"
#include "services/api_key_service.hpp"
#include "services/application_service.hpp"
#include "services/registration_service.hpp"
#include "services/tenant_service.hpp"
#include "services/user_service.hpp"
#include "store/store.hpp"

namespace latchkey::api {

struct ApiServices {
  const services::ApiKeyAuthenticator& authenticator;
  services::TenantService& tenants;
  services::ApplicationService& applications;
  services::UserService& users;
  services::RegistrationService& registrations;
  services::ApiKeyService& api_keys;
  store::Store& health;  // only healthy() is used, for /api/status
};

}  // namespace latchkey::api
