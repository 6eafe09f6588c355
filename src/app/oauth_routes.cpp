#include "app/routes.hpp"
#include "oidc/oauth_handlers.hpp"
#include "web/authorize_handlers.hpp"

namespace latchkey::app {

void add_oauth_routes(http::Router& router, api::ApiServices& services) {
  const auto& oauth = services.oauth;
  // Each /oauth2/* handler gets the one class its endpoint is; the hosted pages (web/) use the
  // authorization side together.
  const auto with = [](auto& service, auto handler) {
    return [&service, handler](http::Request& request) { return handler(request, service); };
  };
  using Hosted = http::Response (*)(const http::Request&, const services::OAuthEndpoints&);
  const auto hosted = [&oauth](Hosted handler) {
    return [&oauth, handler](http::Request& request) { return handler(request, oauth); };
  };
  router.add("GET", "/.well-known/openid-configuration", with(oauth.discovery, oidc::discovery));
  router.add("GET", "/{tenantId}/.well-known/openid-configuration",
             with(oauth.discovery, oidc::discovery));
  router.add("POST", "/oauth2/token", with(oauth.token, oidc::token));
  router.add("POST", "/oauth2/introspect", with(oauth.introspection, oidc::introspect));
  router.add("GET", "/oauth2/userinfo", with(oauth.userinfo, oidc::userinfo));
  router.add("POST", "/oauth2/userinfo", with(oauth.userinfo, oidc::userinfo));
  router.add("POST", "/oauth2/revoke", with(oauth.revocation, oidc::revoke));
  router.add("GET", "/oauth2/authorize", hosted(web::authorize_form));
  router.add("POST", "/oauth2/authorize", hosted(web::authorize_submit));
  router.add("GET", "/oauth2/two-factor", hosted(web::two_factor_form));
  router.add("POST", "/oauth2/two-factor", hosted(web::two_factor_submit));
  router.add("GET", "/oauth2/logout", hosted(web::logout));
}

}  // namespace latchkey::app
