#pragma once
// /oauth2/token, /oauth2/introspect, /oauth2/userinfo, /oauth2/revoke, /oauth2/logout and
// /.well-known/openid-configuration: parse the request, call OAuthService, render JSON or the
// OAuth error object (spec/conventions.md §6).
//
//   router.add("POST", "/oauth2/token", [&oauth](http::Request& r) { return token(r, oauth); });

#include "http/request.hpp"
#include "http/response.hpp"
#include "services/oauth/oauth_service.hpp"

namespace latchkey::oidc {

// The OAuth error JSON `{error, error_description, error_reason}` with no-store caching; a 401
// for a client that used Basic carries WWW-Authenticate (RFC 6749 §5.2).
http::Response render_oauth_error(const Error& error);

http::Response token(const http::Request& request, services::OAuthService& oauth);
http::Response introspect(const http::Request& request, services::OAuthService& oauth);
http::Response userinfo(const http::Request& request, services::OAuthService& oauth);
http::Response revoke(const http::Request& request, services::OAuthService& oauth);
http::Response discovery(const http::Request& request, services::OAuthService& oauth);

// The base URL endpoints are built from: the public URL, or a trusted proxy's forwarded
// scheme and host (http::Request::base_url), never the Host header.
std::string base_url(const http::Request& request);

}  // namespace latchkey::oidc
