#include "api/refresh_token_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// Seed "Refresh a JWT", "Retrieve Refresh Tokens", "Revoke Refresh Tokens". Every one of them
// touches the database, so they run on the worker pool (the default).
RouteTable refresh_token_routes() {
  return {
      {"POST", "/api/jwt/refresh", Auth::kOptionalApiKey, api::refresh_jwt},
      {"GET", "/api/jwt/refresh", Auth::kApiKey, api::retrieve_refresh_tokens},
      {"GET", "/api/jwt/refresh/{tokenId}", Auth::kApiKey, api::retrieve_refresh_tokens},
      {"DELETE", "/api/jwt/refresh", Auth::kJwtOrApiKey, api::revoke_refresh_tokens},
      {"DELETE", "/api/jwt/refresh/{tokenId}", Auth::kJwtOrApiKey, api::revoke_refresh_tokens},
  };
}

}  // namespace latchkey::app
