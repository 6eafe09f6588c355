#include "app/routes.hpp"

#include <spdlog/spdlog.h>

#include "api/api_key_handlers.hpp"
#include "api/application_handlers.hpp"
#include "api/errors.hpp"
#include "api/jwt_handlers.hpp"
#include "api/key_handlers.hpp"
#include "api/login_handlers.hpp"
#include "api/reactor_handlers.hpp"
#include "api/registration_handlers.hpp"
#include "api/tenant_handlers.hpp"
#include "api/user_handlers.hpp"
#include "core/overloaded.hpp"

namespace latchkey::app {
namespace {

// The Tenant, Application, User, Registration, API Key and Key Master APIs, status, and the
// JWT and Login APIs. The other tables sit beside this file, one per area.
RouteTable core_routes() {
  using http::RunOn;
  namespace read_first = api::read_first;
  return {
      {"GET", "/api/status", Auth::kAnonymous, api::status},
      {"POST", "/api/reactor", Auth::kApiKey, api::activate_reactor},
      {"DELETE", "/api/reactor", Auth::kApiKey, api::deactivate_reactor},

      {"POST", "/api/tenant", Auth::kApiKey, api::create_tenant},
      {"POST", "/api/tenant/{tenantId}", Auth::kApiKey, api::create_tenant},
      {"GET", "/api/tenant", Auth::kApiKey, api::retrieve_tenants},
      {"GET", "/api/tenant/{tenantId}", Auth::kApiKey, api::retrieve_tenant},
      {"PUT", "/api/tenant/{tenantId}", Auth::kApiKey, api::update_tenant},
      {"PATCH", "/api/tenant/{tenantId}", Auth::kApiKey, api::patch_tenant},
      {"DELETE", "/api/tenant/{tenantId}", Auth::kApiKey, api::delete_tenant},

      {"POST", "/api/application", Auth::kApiKey, api::create_application},
      {"POST", "/api/application/{applicationId}", Auth::kApiKey, api::create_application},
      {"GET", "/api/application", Auth::kApiKey, api::retrieve_applications},
      {"GET", "/api/application/{applicationId}", Auth::kApiKey, api::retrieve_application},
      {"PUT", "/api/application/{applicationId}", Auth::kApiKey, api::update_application},
      {"PATCH", "/api/application/{applicationId}", Auth::kApiKey, api::patch_application},
      {"DELETE", "/api/application/{applicationId}", Auth::kApiKey, api::delete_application},
      {"POST", "/api/application/{applicationId}/role", Auth::kApiKey,
       api::create_application_role},
      {"POST", "/api/application/{applicationId}/role/{roleId}", Auth::kApiKey,
       api::create_application_role},
      {"PUT", "/api/application/{applicationId}/role/{roleId}", Auth::kApiKey,
       api::update_application_role},
      {"PATCH", "/api/application/{applicationId}/role/{roleId}", Auth::kApiKey,
       api::patch_application_role},
      {"DELETE", "/api/application/{applicationId}/role/{roleId}", Auth::kApiKey,
       api::delete_application_role},
      {"POST", "/api/application/{applicationId}/scope", Auth::kApiKey,
       api::create_application_scope},
      {"POST", "/api/application/{applicationId}/scope/{scopeId}", Auth::kApiKey,
       api::create_application_scope},
      {"GET", "/api/application/{applicationId}/scope/{scopeId}", Auth::kApiKey,
       api::retrieve_application_scope},
      {"PUT", "/api/application/{applicationId}/scope/{scopeId}", Auth::kApiKey,
       api::update_application_scope},
      {"PATCH", "/api/application/{applicationId}/scope/{scopeId}", Auth::kApiKey,
       api::patch_application_scope},
      {"DELETE", "/api/application/{applicationId}/scope/{scopeId}", Auth::kApiKey,
       api::delete_application_scope},

      {"POST", "/api/user", Auth::kApiKey, api::create_user},
      {"POST", "/api/user/{userId}", Auth::kApiKey, api::create_user},
      {"GET", "/api/user", Auth::kApiKey, api::search_user},
      {"GET", "/api/user/{userId}", Auth::kApiKey, api::retrieve_user},
      {"PUT", "/api/user/{userId}", Auth::kApiKey, api::update_user},
      {"PATCH", "/api/user/{userId}", Auth::kApiKey, api::patch_user},
      {"DELETE", "/api/user/{userId}", Auth::kApiKey, api::delete_user},

      {"POST", "/api/user/registration", Auth::kApiKey, api::create_registration},
      {"POST", "/api/user/registration/{userId}", Auth::kApiKey, api::create_registration},
      {"GET", "/api/user/registration/{userId}/{applicationId}", Auth::kApiKey,
       api::retrieve_registration},
      {"PUT", "/api/user/registration/{userId}", Auth::kApiKey, api::update_registration},
      {"PUT", "/api/user/registration/{userId}/{applicationId}", Auth::kApiKey,
       api::update_registration},
      // A PATCH with a Content-Type it cannot merge is 415 before the key is looked at.
      {"PATCH", "/api/user/registration/{userId}", Auth::kApiKey, api::patch_registration,
       read_first::patch_content_type},
      {"PATCH", "/api/user/registration/{userId}/{applicationId}", Auth::kApiKey,
       api::patch_registration, read_first::patch_content_type},
      {"DELETE", "/api/user/registration/{userId}/{applicationId}", Auth::kApiKey,
       api::delete_registration},

      {"POST", "/api/api-key", Auth::kApiKey, api::create_api_key},
      {"POST", "/api/api-key/{apiKeyId}", Auth::kApiKey, api::create_api_key},
      {"GET", "/api/api-key/{apiKeyId}", Auth::kApiKey, api::retrieve_api_key},
      {"PUT", "/api/api-key/{apiKeyId}", Auth::kApiKey, api::update_api_key},
      {"PATCH", "/api/api-key/{apiKeyId}", Auth::kApiKey, api::patch_api_key},
      {"DELETE", "/api/api-key/{apiKeyId}", Auth::kApiKey, api::delete_api_key},

      {"POST", "/api/key/generate", Auth::kApiKey, api::generate_key},
      {"POST", "/api/key/generate/{keyId}", Auth::kApiKey, api::generate_key},
      {"POST", "/api/key/import", Auth::kApiKey, api::import_key},
      {"POST", "/api/key/import/{keyId}", Auth::kApiKey, api::import_key},
      {"GET", "/api/key", Auth::kApiKey, api::retrieve_keys},
      {"GET", "/api/key/{keyId}", Auth::kApiKey, api::retrieve_key},
      {"PUT", "/api/key/{keyId}", Auth::kApiKey, api::update_key},
      {"DELETE", "/api/key/{keyId}", Auth::kApiKey, api::delete_key},

      // Validation and key publication read only in-memory snapshots: cheap enough to answer
      // on the I/O thread without a hop to the worker pool.
      {"GET", "/api/jwt/validate", Auth::kJwt, api::validate_jwt, RunOn::kIoThread},
      {"GET", "/api/jwt/public-key", Auth::kOptionalApiKey, api::retrieve_public_keys,
       RunOn::kIoThread},
      {"GET", "/.well-known/jwks.json", Auth::kAnonymous, api::retrieve_jwks, RunOn::kIoThread},
      // The login endpoints read their body before the key, as they always have.
      {"POST", "/api/login", Auth::kOptionalApiKey, api::login, read_first::login_body},
      {"POST", "/api/two-factor/login", Auth::kOptionalApiKey, api::two_factor_login,
       read_first::two_factor_login_body},
      {"POST", "/api/jwt/vend", Auth::kApiKey, api::vend_jwt},
      {"GET", "/api/jwt/issue", Auth::kJwtUser, api::issue_jwt},
  };
}

// Renders a handler's Error as FusionAuth's Errors object; its log detail (never shown to the
// client) is logged with the request id.
http::Response rendered(const http::Request& request, Result<http::Response> result) {
  if (result) return std::move(*result);
  const Error& error = result.error();
  if (!error.log_detail().empty()) {
    spdlog::info("request {} answered {}: {}", request.request_id, to_int(error.http_status()),
                 error.log_detail());
  }
  return api::render_error(error);
}

// An /api handler behind its route's authentication: `invoke` gets what the kind established.
template <class Invoke>
http::Handler guarded(const Route& route, api::ApiServices& services, Invoke invoke) {
  return [&services, kind = route.auth, read_first = route.read_first,
          invoke](http::Request& request) {
    const api::Authenticators authenticators{services.authenticator, services.tokens};
    return rendered(request, api::authenticated(kind, read_first, request, authenticators,
                                                [&](api::Established established) {
                                                  return invoke(request, services,
                                                                std::move(established));
                                                }));
  };
}

}  // namespace

http::Handler bind(const Route& route, api::ApiServices& services) {
  using api::Established;
  return std::visit(
      Overloaded{
          [&](AnonymousHandler handler) {
            return guarded(route, services,
                           [handler](http::Request& request, api::ApiServices& s,
                                     const Established&) { return handler(request, s); });
          },
          [&](CallerHandler handler) {
            return guarded(
                route, services,
                [handler](http::Request& request, api::ApiServices& s, Established established) {
                  return handler(request, s, std::get<services::Caller>(established));
                });
          },
          [&](JwtHandler handler) {
            return guarded(
                route, services,
                [handler](http::Request& request, api::ApiServices& s, Established established) {
                  return handler(request, s, std::get<api::ValidJwt>(std::move(established)));
                });
          },
          [&](JwtUserHandler handler) {
            return guarded(
                route, services,
                [handler](http::Request& request, api::ApiServices& s, Established established) {
                  return handler(request, s, std::get<services::AuthenticatedToken>(established));
                });
          },
          [&](JwtOrApiKeyHandler handler) {
            return guarded(
                route, services,
                [handler](http::Request& request, api::ApiServices& s, Established established) {
                  return handler(request, s, std::get<api::JwtOrApiKeyCaller>(established));
                });
          },
          // The OAuth kinds' credentials are read by the OAuth classes (api/route_auth.hpp).
          [&](OAuthHandler handler) -> http::Handler {
            auto& oauth = services.oauth;
            return [&oauth, handler](http::Request& request) { return handler(request, oauth); };
          },
          [&](PasswordPageHandler handler) -> http::Handler {
            auto& oauth = services.oauth;
            auto& change_password = services.change_password;
            return [&oauth, &change_password, handler](http::Request& request) {
              return handler(request, oauth, change_password);
            };
          },
          [&](NotImplemented) -> http::Handler {
            return [template_text = route.path](http::Request& request) {
              return not_implemented(request.method, template_text);
            };
          },
      },
      route.handler);
}

RouteTable route_table() {
  RouteTable table = core_routes();
  for (auto part :
       {refresh_token_routes(), oauth_routes(), password_routes(), identity_provider_routes(),
        webhook_routes(), configuration_routes(), entity_routes(), theme_routes(), group_routes(),
        system_configuration_routes(), unserved_routes()}) {
    table.insert(table.end(), part.begin(), part.end());
  }
  return table;
}

http::Router build_routes(api::ApiServices& services) {
  http::Router router;
  for (const auto& route : route_table()) {
    router.add(std::string(route.method), std::string(route.path), bind(route, services),
               route.run_on);
  }
  return router;
}

}  // namespace latchkey::app
