#include "app/routes.hpp"
#include "oidc/oauth_handlers.hpp"
#include "web/authorize_handlers.hpp"

namespace latchkey::app {

namespace {
// Each /oauth2/* handler gets the one class its endpoint is; the hosted pages (web/) use the
// authorization side together.
http::Response discovery(const http::Request& request, const services::OAuthEndpoints& oauth) {
  return oidc::discovery(request, oauth.discovery);
}
http::Response token(const http::Request& request, const services::OAuthEndpoints& oauth) {
  return oidc::token(request, oauth.token);
}
http::Response introspect(const http::Request& request, const services::OAuthEndpoints& oauth) {
  return oidc::introspect(request, oauth.introspection);
}
http::Response userinfo(const http::Request& request, const services::OAuthEndpoints& oauth) {
  return oidc::userinfo(request, oauth.userinfo);
}
http::Response revoke(const http::Request& request, const services::OAuthEndpoints& oauth) {
  return oidc::revoke(request, oauth.revocation);
}
}  // namespace

// The OAuth endpoints authenticate clients and bearer tokens in their own classes, which answer
// OAuth errors (api/route_auth.hpp, kClientCredentials and kOAuthBearer); the hosted pages are
// anonymous and carry their own CSRF tokens and flow ids.
RouteTable oauth_routes() {
  return {
      {"GET", "/.well-known/openid-configuration", Auth::kAnonymous, discovery},
      {"GET", "/{tenantId}/.well-known/openid-configuration", Auth::kAnonymous, discovery},
      {"POST", "/oauth2/token", Auth::kClientCredentials, token},
      {"POST", "/oauth2/introspect", Auth::kClientCredentials, introspect},
      {"GET", "/oauth2/userinfo", Auth::kOAuthBearer, userinfo},
      {"POST", "/oauth2/userinfo", Auth::kOAuthBearer, userinfo},
      {"POST", "/oauth2/revoke", Auth::kClientCredentials, revoke},
      {"GET", "/oauth2/authorize", Auth::kAnonymous, web::authorize_form},
      {"POST", "/oauth2/authorize", Auth::kAnonymous, web::authorize_submit},
      {"GET", "/oauth2/two-factor", Auth::kAnonymous, web::two_factor_form},
      {"POST", "/oauth2/two-factor", Auth::kAnonymous, web::two_factor_submit},
      {"GET", "/oauth2/logout", Auth::kAnonymous, web::logout},
  };
}

}  // namespace latchkey::app
