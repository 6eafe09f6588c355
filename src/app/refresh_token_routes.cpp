#include "api/refresh_token_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// Seed "Refresh a JWT", "Retrieve Refresh Tokens", "Revoke Refresh Tokens". Every one of them
// touches the database, so they run on the worker pool (the default).
void add_refresh_token_routes(http::Router& router, api::ApiServices& services) {
  router.add("POST", "/api/jwt/refresh", api_route(services, api::refresh_jwt));
  router.add("GET", "/api/jwt/refresh", api_route(services, api::retrieve_refresh_tokens));
  router.add("GET", "/api/jwt/refresh/{tokenId}",
             api_route(services, api::retrieve_refresh_tokens));
  router.add("DELETE", "/api/jwt/refresh", api_route(services, api::revoke_refresh_tokens));
  router.add("DELETE", "/api/jwt/refresh/{tokenId}",
             api_route(services, api::revoke_refresh_tokens));
}

}  // namespace latchkey::app
