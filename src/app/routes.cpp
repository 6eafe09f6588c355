#include "app/routes.hpp"

#include <spdlog/spdlog.h>

#include "api/api_key_handlers.hpp"
#include "api/application_handlers.hpp"
#include "api/errors.hpp"
#include "api/jwt_handlers.hpp"
#include "api/key_handlers.hpp"
#include "api/login_handlers.hpp"
#include "api/registration_handlers.hpp"
#include "api/tenant_handlers.hpp"
#include "api/user_handlers.hpp"

namespace latchkey::app {
namespace {

http::Handler api(api::ApiServices& services, ApiHandler handler) {
  return api_route(services, handler);
}

}  // namespace

// Turns a handler's Result into a response: errors rendered as FusionAuth's Errors object,
// their log detail (never shown to the client) logged with the request id.
http::Handler api_route(api::ApiServices& services, ApiHandler handler) {
  return [&services, handler](http::Request& request) {
    auto result = handler(request, services);
    if (result) return std::move(*result);
    const Error& error = result.error();
    if (!error.log_detail().empty()) {
      spdlog::info("request {} answered {}: {}", request.request_id, to_int(error.http_status()),
                   error.log_detail());
    }
    return api::render_error(error);
  };
}

http::Router build_routes(api::ApiServices& s) {
  http::Router r;
  r.add("GET", "/api/status", api(s, api::status));

  r.add("POST", "/api/tenant", api(s, api::create_tenant));
  r.add("POST", "/api/tenant/{tenantId}", api(s, api::create_tenant));
  r.add("GET", "/api/tenant", api(s, api::retrieve_tenants));
  r.add("GET", "/api/tenant/{tenantId}", api(s, api::retrieve_tenant));
  r.add("PUT", "/api/tenant/{tenantId}", api(s, api::update_tenant));
  r.add("PATCH", "/api/tenant/{tenantId}", api(s, api::patch_tenant));
  r.add("DELETE", "/api/tenant/{tenantId}", api(s, api::delete_tenant));

  r.add("POST", "/api/application", api(s, api::create_application));
  r.add("POST", "/api/application/{applicationId}", api(s, api::create_application));
  r.add("GET", "/api/application", api(s, api::retrieve_applications));
  r.add("GET", "/api/application/{applicationId}", api(s, api::retrieve_application));
  r.add("PUT", "/api/application/{applicationId}", api(s, api::update_application));
  r.add("PATCH", "/api/application/{applicationId}", api(s, api::patch_application));
  r.add("DELETE", "/api/application/{applicationId}", api(s, api::delete_application));
  r.add("POST", "/api/application/{applicationId}/role", api(s, api::create_application_role));
  r.add("POST", "/api/application/{applicationId}/role/{roleId}",
        api(s, api::create_application_role));
  r.add("PUT", "/api/application/{applicationId}/role/{roleId}",
        api(s, api::update_application_role));
  r.add("PATCH", "/api/application/{applicationId}/role/{roleId}",
        api(s, api::patch_application_role));
  r.add("DELETE", "/api/application/{applicationId}/role/{roleId}",
        api(s, api::delete_application_role));

  r.add("POST", "/api/user", api(s, api::create_user));
  r.add("POST", "/api/user/{userId}", api(s, api::create_user));
  r.add("GET", "/api/user", api(s, api::search_user));
  r.add("GET", "/api/user/{userId}", api(s, api::retrieve_user));
  r.add("PUT", "/api/user/{userId}", api(s, api::update_user));
  r.add("PATCH", "/api/user/{userId}", api(s, api::patch_user));
  r.add("DELETE", "/api/user/{userId}", api(s, api::delete_user));

  r.add("POST", "/api/user/registration", api(s, api::create_registration));
  r.add("POST", "/api/user/registration/{userId}", api(s, api::create_registration));
  r.add("GET", "/api/user/registration/{userId}/{applicationId}",
        api(s, api::retrieve_registration));
  r.add("PUT", "/api/user/registration/{userId}", api(s, api::update_registration));
  r.add("PUT", "/api/user/registration/{userId}/{applicationId}", api(s, api::update_registration));
  r.add("PATCH", "/api/user/registration/{userId}", api(s, api::patch_registration));
  r.add("PATCH", "/api/user/registration/{userId}/{applicationId}",
        api(s, api::patch_registration));
  r.add("DELETE", "/api/user/registration/{userId}/{applicationId}",
        api(s, api::delete_registration));

  r.add("POST", "/api/api-key", api(s, api::create_api_key));
  r.add("POST", "/api/api-key/{apiKeyId}", api(s, api::create_api_key));
  r.add("GET", "/api/api-key/{apiKeyId}", api(s, api::retrieve_api_key));
  r.add("PUT", "/api/api-key/{apiKeyId}", api(s, api::update_api_key));
  r.add("PATCH", "/api/api-key/{apiKeyId}", api(s, api::patch_api_key));
  r.add("DELETE", "/api/api-key/{apiKeyId}", api(s, api::delete_api_key));

  r.add("POST", "/api/key/generate", api(s, api::generate_key));
  r.add("POST", "/api/key/generate/{keyId}", api(s, api::generate_key));
  r.add("POST", "/api/key/import", api(s, api::import_key));
  r.add("POST", "/api/key/import/{keyId}", api(s, api::import_key));
  r.add("GET", "/api/key", api(s, api::retrieve_keys));
  r.add("GET", "/api/key/{keyId}", api(s, api::retrieve_key));
  r.add("PUT", "/api/key/{keyId}", api(s, api::update_key));
  r.add("DELETE", "/api/key/{keyId}", api(s, api::delete_key));

  // Validation and key publication read only in-memory snapshots: cheap enough to answer on
  // the I/O thread without a hop to the worker pool.
  r.add("GET", "/api/jwt/validate", api(s, api::validate_jwt), http::RunOn::kIoThread);
  r.add("GET", "/api/jwt/public-key", api(s, api::retrieve_public_keys), http::RunOn::kIoThread);
  r.add("GET", "/.well-known/jwks.json", api(s, api::retrieve_jwks), http::RunOn::kIoThread);
  r.add("POST", "/api/login", api(s, api::login));
  r.add("POST", "/api/two-factor/login", api(s, api::two_factor_login));
  r.add("POST", "/api/jwt/vend", api(s, api::vend_jwt));
  r.add("GET", "/api/jwt/issue", api(s, api::issue_jwt));
  add_refresh_token_routes(r, s);
  add_oauth_routes(r, s);
  add_password_routes(r, s);
  add_identity_provider_routes(r, s);
  add_webhook_routes(r, s);
  add_unserved_routes(r);
  return r;
}

}  // namespace latchkey::app
