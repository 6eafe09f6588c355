#pragma once
// /oauth2/token, /oauth2/introspect, /oauth2/userinfo, /oauth2/revoke, /oauth2/logout and
// /.well-known/openid-configuration: parse the request, call the services/oauth/ class for the
// endpoint, render JSON or the OAuth error object (spec/conventions.md §6).
//
//   router.add("POST", "/oauth2/token", [&o](http::Request& r) { return token(r, o.token); });

#include "http/request.hpp"
#include "http/response.hpp"
#include "oidc/oauth_errors.hpp"
#include "services/oauth/discovery.hpp"
#include "services/oauth/token_endpoint.hpp"
#include "services/oauth/token_introspection.hpp"
#include "services/oauth/token_revocation.hpp"
#include "services/oauth/userinfo.hpp"

namespace latchkey::oidc {

http::Response token(const http::Request& request, services::TokenEndpoint& endpoint);
http::Response introspect(const http::Request& request,
                          const services::TokenIntrospection& introspection);
http::Response userinfo(const http::Request& request, const services::Userinfo& userinfo);
http::Response revoke(const http::Request& request, services::TokenRevocation& revocation);
http::Response discovery(const http::Request& request, const services::Discovery& discovery);

// The base URL endpoints are built from: the public URL, or a trusted proxy's forwarded
// scheme and host (http::Request::base_url), never the Host header.
std::string base_url(const http::Request& request);

}  // namespace latchkey::oidc
