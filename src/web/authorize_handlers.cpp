#include "web/authorize_handlers.hpp"

#include "crypto/constant_time.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "services/oauth_rules.hpp"
#include "web/pages.hpp"

namespace latchkey::web {
namespace {

using services::AuthorizeParams;
using services::AuthorizeRequest;

template <class Get>
AuthorizeRequest read_authorize(Get get) {
  return {
      get("client_id"), get("redirect_uri"), get("response_type"),  get("scope"),
      get("state"),     get("nonce"),        get("code_challenge"), get("code_challenge_method"),
      get("prompt")};
}

// Whether the client would rather read HTML than JSON (a browser, not an API client).
bool prefers_html(const http::Request& request) {
  const std::string_view accept = request.header("Accept").value_or("");
  const auto html = accept.find("text/html");
  if (html == std::string_view::npos) return false;
  const auto json = accept.find("application/json");
  return json == std::string_view::npos || html < json;
}

http::Response with_oauth_error_json(const Error& error) {
  json::object body;
  if (const auto& oauth = error.oauth_error()) {
    body["error"] = oauth->error;
    body["error_description"] = oauth->description;
    body["error_reason"] = oauth->reason;
  }
  auto response = http::Response::json(error.http_status(), body);
  response.set_header("Cache-Control", "no-store");
  return response;
}

// An error that cannot go back to the client: JSON, or a page for a browser. Never a redirect.
http::Response fatal(const http::Request& request, const Error& error) {
  if (!prefers_html(request)) return with_oauth_error_json(error);
  const auto& oauth = error.oauth_error();
  return page_response(error.http_status(),
                       error_page("Sign-in request refused",
                                  oauth ? oauth->description : "The request is invalid."));
}

// RFC 6749 §4.1.2.1: an error for a valid redirect URI goes back to it, with the state.
http::Response redirect_error(const AuthorizeParams& params, const Error& error) {
  std::vector<std::pair<std::string, std::string>> query;
  if (const auto& oauth = error.oauth_error()) {
    query.emplace_back("error", oauth->error);
    query.emplace_back("error_description", oauth->description);
    query.emplace_back("error_reason", oauth->reason);
  }
  if (params.request.state) query.emplace_back("state", *params.request.state);
  auto response =
      http::Response::redirect(services::oauth::append_query(params.redirect_uri, query));
  response.set_header("Cache-Control", "no-store");
  return response;
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
  fields.emplace_back("csrf_token", csrf);
  return fields;
}

enum class Page { kLogin, kTwoFactor };

http::Response form_response(const http::Request& request, HttpStatus status,
                             const AuthorizeRequest& authorize, std::string_view login_id,
                             std::string_view message, Page page = Page::kLogin) {
  // Security: double-submit CSRF token, fresh per rendered form; the cookie is HttpOnly and
  // SameSite=Strict, so a cross-site page can neither read nor send it.
  const std::string csrf = crypto::random_token(32);
  auto response = page_response(
      status, page == Page::kLogin ? login_page(hidden_fields(authorize, csrf), login_id, message)
                                   : two_factor_page(hidden_fields(authorize, csrf), message));
  response.set_cookie({.name = std::string(kCsrfCookie),
                       .value = csrf,
                       .path = page == Page::kLogin ? "/oauth2/authorize" : "/oauth2/two-factor",
                       .max_age = std::chrono::seconds(3600),
                       .http_only = true,
                       .secure = request.secure,
                       .same_site = "Strict"});
  return response;
}

http::Response code_redirect(const http::Request& request, services::OAuthService& oauth,
                             const AuthorizeParams& params, const services::SsoSession& session,
                             const std::optional<std::string>& new_cookie) {
  auto location = oauth.issue_code(params, session);
  if (!location) return redirect_error(params, location.error());
  auto response = http::Response::redirect(*location);
  response.set_header("Cache-Control", "no-store");
  if (new_cookie) {
    response.set_cookie({.name = std::string(kSessionCookie),
                         .value = *new_cookie,
                         .path = "/",
                         .max_age = oauth.session_lifetime(session.tenant_id),
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

}  // namespace

http::Response authorize_form(const http::Request& request, services::OAuthService& oauth) {
  const auto authorize =
      read_authorize([&request](const char* name) { return request.query_param(name); });
  auto params = oauth.check_client(authorize);
  if (!params) return fatal(request, params.error());
  if (auto checked = oauth.check_request(*params); !checked) {
    return redirect_error(*params, checked.error());
  }
  const std::string prompt = authorize.prompt.value_or("");
  if (prompt != "login") {
    if (const auto cookie = request.cookie(kSessionCookie)) {
      if (const auto session = oauth.find_session(*cookie)) {
        if (oauth.session_user_may_authorize(*session, *params)) {
          return code_redirect(request, oauth, *params, *session, std::nullopt);
        }
      }
    }
  }
  if (prompt == "none") {
    return redirect_error(*params,
                          Error::oauth(HttpStatus::kBadRequest, "login_required",
                                       "The user is not signed in.", "authentication_required"));
  }
  return form_response(request, HttpStatus::kOk, authorize, "", "");
}

http::Response authorize_submit(const http::Request& request, services::OAuthService& oauth) {
  const auto form = urlencoded_form(request);
  if (!form) {
    return fatal(request, Error::oauth(HttpStatus::kBadRequest, "invalid_request",
                                       "The form body is malformed.", "invalid_request"));
  }
  const auto authorize = read_authorize([&form](const char* name) { return form->get(name); });
  auto params = oauth.check_client(authorize);
  if (!params) return fatal(request, params.error());
  if (auto checked = oauth.check_request(*params); !checked) {
    return redirect_error(*params, checked.error());
  }
  const std::string login_id = form->get("loginId").value_or("");
  if (!csrf_token_matches(request, *form)) {
    return form_response(request, HttpStatus::kForbidden, authorize, login_id,
                         "Your sign-in form expired. Please try again.");
  }
  const auto result = oauth.hosted_login(
      *params, login_id, form->get("password").value_or(""),
      request.client_ip.empty() ? std::nullopt : std::optional(request.client_ip));
  if (result.kind == services::HostedLoginResult::Kind::kTwoFactorRequired &&
      !result.two_factor_id.empty()) {
    // Seed §2.4: 302 to /oauth2/two-factor. The twoFactorId rides in an HttpOnly cookie, never
    // in a URL that could land in logs or a Referer.
    std::vector<std::pair<std::string, std::string>> query;
    for (auto& field : hidden_fields(authorize, "")) {
      if (field.first != "csrf_token") query.push_back(std::move(field));
    }
    auto response =
        http::Response::redirect(services::oauth::append_query("/oauth2/two-factor", query));
    response.set_header("Cache-Control", "no-store");
    response.set_cookie({.name = std::string(kTwoFactorCookie),
                         .value = result.two_factor_id,
                         .path = "/oauth2/two-factor",
                         .max_age = std::chrono::seconds(300),
                         .http_only = true,
                         .secure = request.secure,
                         .same_site = "Lax"});
    return response;
  }
  if (result.kind != services::HostedLoginResult::Kind::kSuccess || !result.user) {
    return form_response(request, HttpStatus::kOk, authorize, login_id, result.message);
  }
  // A previous session in this browser ends: the form signed someone in afresh.
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.end_session(*cookie);
  auto [cookie_value, session] = oauth.start_session(*result.user);
  return code_redirect(request, oauth, *params, session, cookie_value);
}

http::Response two_factor_form(const http::Request& request, services::OAuthService& oauth) {
  const auto authorize =
      read_authorize([&request](const char* name) { return request.query_param(name); });
  auto params = oauth.check_client(authorize);
  if (!params) return fatal(request, params.error());
  if (auto checked = oauth.check_request(*params); !checked) {
    return redirect_error(*params, checked.error());
  }
  if (!request.cookie(kTwoFactorCookie)) {
    return page_response(HttpStatus::kBadRequest,
                         error_page("Sign-in expired", "Please start signing in again."));
  }
  return form_response(request, HttpStatus::kOk, authorize, "", "", Page::kTwoFactor);
}

http::Response two_factor_submit(const http::Request& request, services::OAuthService& oauth) {
  const auto form = urlencoded_form(request);
  if (!form) {
    return fatal(request, Error::oauth(HttpStatus::kBadRequest, "invalid_request",
                                       "The form body is malformed.", "invalid_request"));
  }
  const auto authorize = read_authorize([&form](const char* name) { return form->get(name); });
  auto params = oauth.check_client(authorize);
  if (!params) return fatal(request, params.error());
  if (auto checked = oauth.check_request(*params); !checked) {
    return redirect_error(*params, checked.error());
  }
  if (!csrf_token_matches(request, *form)) {
    return form_response(request, HttpStatus::kForbidden, authorize, "",
                         "Your form expired. Please try again.", Page::kTwoFactor);
  }
  const auto result = oauth.hosted_two_factor(
      *params, request.cookie(kTwoFactorCookie).value_or(""), form->get("code").value_or(""),
      request.client_ip.empty() ? std::nullopt : std::optional(request.client_ip));
  if (result.kind != services::HostedLoginResult::Kind::kSuccess || !result.user) {
    return form_response(request, HttpStatus::kOk, authorize, "", result.message, Page::kTwoFactor);
  }
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.end_session(*cookie);
  auto [cookie_value, session] = oauth.start_session(*result.user);
  auto response = code_redirect(request, oauth, *params, session, cookie_value);
  response.set_cookie(http::Cookie::expired(std::string(kTwoFactorCookie), "/oauth2/two-factor"));
  return response;
}

http::Response logout(const http::Request& request, services::OAuthService& oauth) {
  auto location = oauth.logout_location(
      request.query_param("client_id"), request.query_param("post_logout_redirect_uri"),
      request.query_param("id_token_hint"), request.query_param("state"));
  if (!location) return fatal(request, location.error());
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.end_session(*cookie);
  auto response = http::Response::redirect(*location);
  response.set_header("Cache-Control", "no-store");
  response.set_cookie(http::Cookie::expired(std::string(kSessionCookie)));
  return response;
}

}  // namespace latchkey::web
