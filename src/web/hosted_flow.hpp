#pragma once
// Shared steps of the hosted pages (login, two-factor, password change). The pending OAuth
// request travels with the browser, never in server state: in the query of each 302 and in the
// hidden fields of each form, and it is re-validated (client, redirect URI) on every step.
//
//   const auto authorize = read_authorize([&](const char* n) { return request.query_param(n); });
//   auto params = checked_authorize(request, oauth, authorize);
//   if (!params) return std::move(params.error());

#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "http/form.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "services/oauth/oauth_endpoints.hpp"

namespace latchkey::web {

template <class Get>
services::AuthorizeRequest read_authorize(Get get) {
  return services::AuthorizeRequest{
      get("client_id"), get("redirect_uri"), get("response_type"),  get("scope"),
      get("state"),     get("nonce"),        get("code_challenge"), get("code_challenge_method"),
      get("prompt"),    get("max_age"),      get("device")};
}

// Whether the client would rather read HTML than JSON (a browser, not an API client).
bool prefers_html(const http::Request& request);
// The pending request re-validated: an unknown client or unregistered redirect URI is answered
// at once and never redirected to (fatal); any other error goes back to the redirect URI.
// Either the parameters or the response to send.
std::expected<services::AuthorizeParams, http::Response> checked_authorize(
    const http::Request& request, const services::OAuthEndpoints& oauth,
    const services::AuthorizeRequest& authorize);
// An error that cannot go back to the client: JSON (oidc/oauth_errors.hpp), or a page for a
// browser. Never a redirect. Its log detail is logged with the request id.
http::Response fatal(const http::Request& request, const Error& error);
// RFC 6749 §4.1.2.1: an error for a valid redirect URI goes back to it, with the state.
http::Response redirect_error(const services::AuthorizeParams& params, const Error& error);
// The OAuth parameters a page carries on, then the CSRF token as `csrf_token`.
std::vector<std::pair<std::string, std::string>> hidden_fields(
    const services::AuthorizeRequest& request, const std::string& csrf);
// A code for the session, sent to the redirect URI; sets the SSO cookie when `new_cookie`.
http::Response code_redirect(const http::Request& request, const services::OAuthEndpoints& oauth,
                             const services::AuthorizeParams& params,
                             const services::SsoSession& session,
                             const std::optional<std::string>& new_cookie);
// The body of a hosted-page POST; nothing for another content type or a malformed body.
std::optional<http::Form> urlencoded_form(const http::Request& request);
// Security: double-submit CSRF check — the form's token must equal the cookie's, compared in
// constant time; a missing or empty one never matches.
bool csrf_token_matches(const http::Request& request, const http::Form& form);
// Our own origin ("http://host:port"), as a browser's Origin header names it. The one place
// that says where we are for the login-CSRF rule (see form_post_allowed).
std::string own_origin(const http::Request& request);
// Whether a browser marked this request as sent from another site: an Origin other than
// own_origin (including "null"), or a Sec-Fetch-Site other than same-origin or none.
bool cross_site_signal(const http::Request& request);
// Security: login CSRF. A hosted-page POST that carries a csrf_token is checked as a
// double-submit token; one without it (an API client posting the seed's parameters directly,
// seeds/oauth-endpoints.txt §2.3) is accepted only without a cross-site browser signal, since
// every current browser sends Origin (and Sec-Fetch-Site) on a cross-site form POST.
bool form_post_allowed(const http::Request& request, const http::Form& form);

}  // namespace latchkey::web
