#include "app/routes.hpp"
#include "oidc/oauth_handlers.hpp"
#include "web/authorize_handlers.hpp"

namespace latchkey::app {

void add_oauth_routes(http::Router& router, api::ApiServices& services) {
  auto& oauth = services.oauth;
  const auto bind =
      [&oauth](http::Response (*handler)(const http::Request&, services::OAuthService&)) {
        return [&oauth, handler](http::Request& request) { return handler(request, oauth); };
      };
  router.add("GET", "/.well-known/openid-configuration", bind(oidc::discovery));
  router.add("GET", "/{tenantId}/.well-known/openid-configuration", bind(oidc::discovery));
  router.add("POST", "/oauth2/token", bind(oidc::token));
  router.add("POST", "/oauth2/introspect", bind(oidc::introspect));
  router.add("GET", "/oauth2/userinfo", bind(oidc::userinfo));
  router.add("POST", "/oauth2/userinfo", bind(oidc::userinfo));
  router.add("POST", "/oauth2/revoke", bind(oidc::revoke));
  router.add("GET", "/oauth2/authorize", bind(web::authorize_form));
  router.add("POST", "/oauth2/authorize", bind(web::authorize_submit));
  router.add("GET", "/oauth2/two-factor", bind(web::two_factor_form));
  router.add("POST", "/oauth2/two-factor", bind(web::two_factor_submit));
  router.add("GET", "/oauth2/logout", bind(web::logout));
}

}  // namespace latchkey::app
