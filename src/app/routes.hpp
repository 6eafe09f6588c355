#pragma once
// The whole route table in one readable list.

#include "api/api_services.hpp"
#include "http/router.hpp"

namespace latchkey::app {

http::Router build_routes(api::ApiServices& services);

// /api/jwt/refresh: exchange, retrieve, revoke (app/refresh_token_routes.cpp).
void add_refresh_token_routes(http::Router& router, api::ApiServices& services);

// /oauth2/*, /.well-known/openid-configuration and the hosted pages (app/oauth_routes.cpp).
void add_oauth_routes(http::Router& router, api::ApiServices& services);

// The Change Password API and the hosted /password/change page (app/password_routes.cpp).
void add_password_routes(http::Router& router, api::ApiServices& services);

// /api/identity-provider and /api/jwt/reconcile (app/identity_provider_routes.cpp).
void add_identity_provider_routes(http::Router& router, api::ApiServices& services);

// /api/webhook CRUD and GET /metrics (app/webhook_routes.cpp).
void add_webhook_routes(http::Router& router, api::ApiServices& services);

// FusionAuth endpoints under our prefixes that Latchkey does not serve: 501, so a literal
// such as /api/user/search never falls into /api/user/{userId} (app/unserved_routes.cpp).
void add_unserved_routes(http::Router& router);

// Wraps an /api handler: its Error becomes FusionAuth's Errors response.
using ApiHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&);
http::Handler api_route(api::ApiServices& services, ApiHandler handler);

}  // namespace latchkey::app
