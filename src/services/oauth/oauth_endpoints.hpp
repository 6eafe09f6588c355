#pragma once
// The OAuth 2.0 / OpenID Connect provider (seeds/oauth-endpoints.txt, spec/jwt-claims.md), one
// class per job. App owns each; this names them together for the route table, which hands every
// handler in oidc/ and web/ only the ones it uses.
//
//   router.add("POST", "/oauth2/token", [&o](http::Request& r) { return oidc::token(r, o.token);
//   });
//
//   client_authenticator   which client, and whether it authenticated (RFC 6749 §2.3)
//   authorization_requests the authorize request's client, redirect URI and parameters
//   authorization_codes    codes minted for a session, redeemed once
//   sso_sessions           the hosted login's SSO cookie, max_age, logout
//   hosted_login           the hosted form's credentials and second factor
//   token_endpoint         POST /oauth2/token: code_grant, password_grant, refresh_grant
//   token_issuer, id_tokens, oidc_claims   the token response, id tokens, user claims
//   userinfo, discovery    GET /oauth2/userinfo, /.well-known/openid-configuration
//   token_introspection, token_revocation  POST /oauth2/introspect, /oauth2/revoke
//   themes                 the look of the hosted pages (services/themes/)

#include "services/oauth/authorization_codes.hpp"
#include "services/oauth/authorization_requests.hpp"
#include "services/oauth/discovery.hpp"
#include "services/oauth/hosted_login.hpp"
#include "services/oauth/sso_sessions.hpp"
#include "services/oauth/token_endpoint.hpp"
#include "services/oauth/token_introspection.hpp"
#include "services/oauth/token_revocation.hpp"
#include "services/oauth/userinfo.hpp"
#include "services/themes/theme_service.hpp"

namespace latchkey::services {

struct OAuthEndpoints {
  AuthorizationRequests& authorization_requests;
  AuthorizationCodes& authorization_codes;
  SsoSessions& sessions;
  HostedLogin& hosted_login;
  TokenEndpoint& token;
  const TokenIntrospection& introspection;
  TokenRevocation& revocation;
  const Userinfo& userinfo;
  const Discovery& discovery;
  const ThemeService& themes;
};

}  // namespace latchkey::services
