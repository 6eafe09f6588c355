#include "app/routes.hpp"
#include "oidc/oauth_handlers.hpp"
#include "web/authorize_handlers.hpp"

namespace latchkey::app {

// The OAuth endpoints authenticate clients and bearer tokens in OAuthService, which answers
// OAuth errors (api/route_auth.hpp, kClientCredentials and kOAuthBearer); the hosted pages are
// anonymous and carry their own CSRF tokens and flow ids.
RouteTable oauth_routes() {
  return {
      {"GET", "/.well-known/openid-configuration", Auth::kAnonymous, oidc::discovery},
      {"GET", "/{tenantId}/.well-known/openid-configuration", Auth::kAnonymous, oidc::discovery},
      {"POST", "/oauth2/token", Auth::kClientCredentials, oidc::token},
      {"POST", "/oauth2/introspect", Auth::kClientCredentials, oidc::introspect},
      {"GET", "/oauth2/userinfo", Auth::kOAuthBearer, oidc::userinfo},
      {"POST", "/oauth2/userinfo", Auth::kOAuthBearer, oidc::userinfo},
      {"POST", "/oauth2/revoke", Auth::kClientCredentials, oidc::revoke},
      {"GET", "/oauth2/authorize", Auth::kAnonymous, web::authorize_form},
      {"POST", "/oauth2/authorize", Auth::kAnonymous, web::authorize_submit},
      {"GET", "/oauth2/two-factor", Auth::kAnonymous, web::two_factor_form},
      {"POST", "/oauth2/two-factor", Auth::kAnonymous, web::two_factor_submit},
      {"GET", "/oauth2/logout", Auth::kAnonymous, web::logout},
  };
}

}  // namespace latchkey::app
