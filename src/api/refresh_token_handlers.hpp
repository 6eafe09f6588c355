#pragma once
// /api/jwt/refresh (seed "Refresh a JWT", "Retrieve Refresh Tokens", "Revoke Refresh Tokens"):
// parse, one RefreshTokenService call, render.

#include "api/api_services.hpp"
#include "api/route_auth.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

// POST /api/jwt/refresh: API key optional.
Result<http::Response> refresh_jwt(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
// GET /api/jwt/refresh/{tokenId} and GET /api/jwt/refresh?userId=: API key.
Result<http::Response> retrieve_refresh_tokens(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
// DELETE /api/jwt/refresh[/{tokenId}]: API key, or a JWT for one's own token.
Result<http::Response> revoke_refresh_tokens(http::Request& request, ApiServices& services,
                                             const JwtOrApiKeyCaller& revoker);

}  // namespace latchkey::api
