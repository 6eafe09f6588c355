#include "api/identity_provider_handlers.hpp"
#include "api/reconcile_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// Identity Provider API (type ExternalJWT) and the seed's "Reconcile a JWT Using the External
// JWT Provider". All of them touch the database, so they run on the worker pool (the default).
void add_identity_provider_routes(http::Router& router, api::ApiServices& services) {
  router.add("POST", "/api/identity-provider", api_route(services, api::create_identity_provider));
  router.add("POST", "/api/identity-provider/{identityProviderId}",
             api_route(services, api::create_identity_provider));
  router.add("GET", "/api/identity-provider",
             api_route(services, api::retrieve_identity_providers));
  router.add("GET", "/api/identity-provider/{identityProviderId}",
             api_route(services, api::retrieve_identity_provider));
  router.add("PUT", "/api/identity-provider/{identityProviderId}",
             api_route(services, api::update_identity_provider));
  router.add("PATCH", "/api/identity-provider/{identityProviderId}",
             api_route(services, api::patch_identity_provider));
  router.add("DELETE", "/api/identity-provider/{identityProviderId}",
             api_route(services, api::delete_identity_provider));
  router.add("GET", "/api/identity-provider/lookup",
             api_route(services, api::lookup_identity_provider));
  router.add("POST", "/api/jwt/reconcile", api_route(services, api::reconcile_jwt));
  // The generic identity-provider login completes an ExternalJWT login exactly as reconcile.
  router.add("POST", "/api/identity-provider/login", api_route(services, api::reconcile_jwt));
}

}  // namespace latchkey::app
