// Shared steps of the hosted pages (login, two-factor, password change): reading the pending
// OAuth request, CSRF, and the ways a page ends (error page, error redirect, code redirect).
#include "web/hosted_flow.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/constant_time.hpp"
#include "oidc/oauth_errors.hpp"
#include "services/common/oauth_rules.hpp"
#include "web/authorize_handlers.hpp"
#include "web/pages.hpp"

namespace latchkey::web {

using oidc::log_refusal;

using services::AuthorizeParams;
using services::AuthorizeRequest;

// Whether the client would rather read HTML than JSON (a browser, not an API client).
std::expected<services::AuthorizeParams, http::Response> checked_authorize(
    const http::Request& request, const services::OAuthEndpoints& oauth,
    const services::AuthorizeRequest& authorize) {
  auto params = oauth.authorization_requests.check_client(authorize);
  // Security: an unknown client or unregistered redirect_uri never gets a redirect.
  if (!params) return std::unexpected(fatal(request, params.error()));
  if (auto checked = oauth.authorization_requests.check_request(*params); !checked) {
    return std::unexpected(redirect_error(*params, checked.error()));
  }
  return std::move(*params);
}

bool prefers_html(const http::Request& request) {
  const std::string_view accept = request.header("Accept").value_or("");
  const auto html = accept.find("text/html");
  if (html == std::string_view::npos) return false;
  const auto json = accept.find("application/json");
  return json == std::string_view::npos || html < json;
}

// An error that cannot go back to the client: JSON, or a page for a browser. Never a redirect.
http::Response fatal(const http::Request& request, const Error& error) {
  log_refusal(request, error);
  if (!prefers_html(request)) return oidc::render_oauth_error(error);
  const auto& oauth = error.oauth_error();
  return page_response(error.http_status(),
                       error_page("Sign-in request refused",
                                  oauth ? oauth->description : "The request is invalid."));
}

// RFC 6749 §4.1.2.1: an error for a valid redirect URI goes back to it, with the state.
http::Response redirect_error(const AuthorizeParams& params, const Error& error) {
  return oidc::oauth_error_redirect(params.redirect_uri, error, params.request.state,
                                    params.issuer);
}

std::vector<std::pair<std::string, std::string>> hidden_fields(const AuthorizeRequest& request,
                                                               const std::string& csrf) {
  std::vector<std::pair<std::string, std::string>> fields;
  const auto add = [&fields](const char* name, const std::optional<std::string>& value) {
    if (value) fields.emplace_back(name, *value);
  };
  add("client_id", request.client_id);
  add("redirect_uri", request.redirect_uri);
  add("response_type", request.response_type);
  add("scope", request.scope);
  add("state", request.state);
  add("nonce", request.nonce);
  add("code_challenge", request.code_challenge);
  add("code_challenge_method", request.code_challenge_method);
  // The pending request's max_age and device ride along (the login that follows is fresh, but
  // a two-factor or password-change step re-validates the whole request).
  add("max_age", request.max_age);
  add("device", request.device);
  fields.emplace_back("csrf_token", csrf);
  return fields;
}

http::Response code_redirect(const http::Request& request, const services::OAuthEndpoints& oauth,
                             const AuthorizeParams& params, const services::SsoSession& session,
                             const std::optional<std::string>& new_cookie) {
  auto location = oauth.authorization_codes.issue(params, session);
  if (!location) {
    log_refusal(request, location.error());
    return redirect_error(params, location.error());
  }
  auto response = http::Response::redirect(*location);
  response.set_header("Cache-Control", "no-store");
  if (new_cookie) {
    response.set_cookie({.name = std::string(kSessionCookie),
                         .value = *new_cookie,
                         .path = "/",
                         .max_age = oauth.sessions.lifetime(session.tenant_id),
                         .http_only = true,
                         .secure = request.secure,
                         .same_site = "Lax"});
  }
  response.set_cookie(http::Cookie{.name = std::string(kCsrfCookie),
                                   .value = "",
                                   .path = "/oauth2/authorize",
                                   .max_age = std::chrono::seconds(0),
                                   .http_only = true,
                                   .secure = request.secure,
                                   .same_site = "Strict"});
  return response;
}

// The body of a hosted-page POST; nothing for another content type or a malformed body.
std::optional<http::Form> urlencoded_form(const http::Request& request) {
  if (request.content_type() != "application/x-www-form-urlencoded") return std::nullopt;
  return http::Form::parse(request.body);
}

// Security: double-submit CSRF check — the form's token must equal the cookie's, compared in
// constant time; a missing or empty one never matches.
bool csrf_token_matches(const http::Request& request, const http::Form& form) {
  const auto cookie = request.cookie(kCsrfCookie);
  const auto field = form.get("csrf_token");
  return cookie && field && !cookie->empty() && crypto::constant_time_equals(*cookie, *field);
}

std::string own_origin(const http::Request& request) {
  // The origin of the URL discovery and redirects name: the public URL, or the host a trusted
  // proxy forwarded (http/forwarded.hpp). Never the Host header, which the client chooses.
  const std::string_view base = request.base_url;
  const auto scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const auto path_start = base.find('/', scheme_end + 3);
  return std::string(base.substr(0, path_start));
}

bool cross_site_signal(const http::Request& request) {
  if (const auto origin = request.header("Origin")) {
    // RFC 6454: "null" (an opaque origin: data: URL, sandboxed frame, cross-site redirect)
    // matches nothing, and neither does any origin when ours is unknown.
    const std::string own = own_origin(request);
    if (own.empty() || !http::iequals(*origin, own)) return true;
  }
  if (const auto site = request.header("Sec-Fetch-Site")) {
    // Fetch Metadata: "same-site" is a sibling subdomain, which is another origin all the same.
    if (!http::iequals(*site, "same-origin") && !http::iequals(*site, "none")) return true;
  }
  return false;
}

bool form_post_allowed(const http::Request& request, const http::Form& form) {
  if (form.get("csrf_token")) return csrf_token_matches(request, form);
  return !cross_site_signal(request);
}

}  // namespace latchkey::web
