#pragma once
// The route tables and the dispatcher that binds them: each route authenticates as its Auth
// kind declares (api/route_auth.hpp) before its handler runs.

#include "api/api_services.hpp"
#include "app/route_table.hpp"
#include "http/router.hpp"

namespace latchkey::app {

http::Router build_routes(api::ApiServices& services);

// The tables, each a readable list of method, path, Auth kind and handler.
// /api/jwt/refresh: exchange, retrieve, revoke (app/refresh_token_routes.cpp).
RouteTable refresh_token_routes();
// /oauth2/*, /.well-known/openid-configuration and the hosted pages (app/oauth_routes.cpp).
RouteTable oauth_routes();
// The Change Password API and the hosted /password/change page (app/password_routes.cpp).
RouteTable password_routes();
// /api/identity-provider and /api/jwt/reconcile (app/identity_provider_routes.cpp).
RouteTable identity_provider_routes();
// /api/entity/type, /api/entity, /api/entity/{entityId}/grant (app/entity_routes.cpp).
RouteTable entity_routes();
// /api/webhook CRUD and GET /metrics (app/webhook_routes.cpp).
RouteTable webhook_routes();
// The configuration document APIs: email templates, forms, form fields, lambdas
// (app/configuration_routes.cpp).
RouteTable configuration_routes();
// /api/theme CRUD and search (app/theme_routes.cpp).
RouteTable theme_routes();
// /api/group and /api/group/member (app/group_routes.cpp).
RouteTable group_routes();
// GET, PUT and PATCH /api/system-configuration (app/system_configuration_routes.cpp).
RouteTable system_configuration_routes();
// FusionAuth endpoints under our prefixes that Latchkey does not serve: 501, so a literal
// such as /api/user/search never falls into /api/user/{userId} (app/unserved_routes.cpp).
RouteTable unserved_routes();
// What those answer: 501 [notImplemented] naming the method and template.
http::Response not_implemented(const std::string& method, std::string_view path_template);

// One route bound to the services: authenticate as declared, run the handler, render its Error
// as FusionAuth's Errors response.
http::Handler bind(const Route& route, api::ApiServices& services);

}  // namespace latchkey::app
