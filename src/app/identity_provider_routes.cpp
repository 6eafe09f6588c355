#include "api/identity_provider_handlers.hpp"
#include "api/reconcile_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// Identity Provider API (type ExternalJWT) and the seed's "Reconcile a JWT Using the External
// JWT Provider". All of them touch the database, so they run on the worker pool (the default).
RouteTable identity_provider_routes() {
  constexpr auto body_first = api::read_first::identity_provider_login_body;
  return {
      {"POST", "/api/identity-provider", Auth::kApiKey, api::create_identity_provider},
      {"POST", "/api/identity-provider/{identityProviderId}", Auth::kApiKey,
       api::create_identity_provider},
      {"GET", "/api/identity-provider", Auth::kApiKey, api::retrieve_identity_providers},
      {"GET", "/api/identity-provider/{identityProviderId}", Auth::kApiKey,
       api::retrieve_identity_provider},
      {"PUT", "/api/identity-provider/{identityProviderId}", Auth::kApiKey,
       api::update_identity_provider},
      {"PATCH", "/api/identity-provider/{identityProviderId}", Auth::kApiKey,
       api::patch_identity_provider},
      {"DELETE", "/api/identity-provider/{identityProviderId}", Auth::kApiKey,
       api::delete_identity_provider},
      {"GET", "/api/identity-provider/lookup", Auth::kApiKey, api::lookup_identity_provider},
      // Anonymous, but a key that is sent must be valid (spec/conventions.md §2).
      {"POST", "/api/jwt/reconcile", Auth::kOptionalApiKey, api::reconcile_jwt, body_first},
      // The generic identity-provider login completes an ExternalJWT login exactly as reconcile.
      {"POST", "/api/identity-provider/login", Auth::kOptionalApiKey, api::reconcile_jwt,
       body_first},
  };
}

}  // namespace latchkey::app
