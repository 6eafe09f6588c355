#include "web/authorize_handlers.hpp"

#include "crypto/constant_time.hpp"
#include "crypto/random.hpp"
#include "http/form.hpp"
#include "oidc/oauth_errors.hpp"
#include "services/common/oauth_rules.hpp"
#include "web/change_password_handlers.hpp"
#include "web/hosted_flow.hpp"
#include "web/pages.hpp"

namespace latchkey::web {
namespace {

using services::AuthorizeRequest;

enum class Form { kLogin, kTwoFactor };

http::Response form_response(const http::Request& request, const services::OAuthEndpoints& oauth,
                             const services::AuthorizeParams& params, HttpStatus status,
                             const AuthorizeRequest& authorize, std::string_view login_id,
                             std::string_view message, Form page = Form::kLogin) {
  // Security: double-submit CSRF token, fresh per rendered form; the cookie is HttpOnly and
  // SameSite=Strict, so a cross-site page can neither read nor send it.
  const std::string csrf = crypto::random_token(32);
  // The request was validated (checked_authorize) before any form is rendered, so its
  // redirect_uri is one the client registered: the submission may end there.
  // The page wears the theme of the application being signed in to (else its tenant's).
  const auto look = oauth.themes.look(params.tenant_id, params.application_id);
  auto response = page_response(
      status,
      page == Form::kLogin ? login_page(hidden_fields(authorize, csrf), login_id, message, look)
                           : two_factor_page(hidden_fields(authorize, csrf), message, look),
      form_redirect_source(authorize.redirect_uri.value_or("")));
  response.set_cookie({.name = std::string(kCsrfCookie),
                       .value = csrf,
                       .path = page == Form::kLogin ? "/oauth2/authorize" : "/oauth2/two-factor",
                       .max_age = std::chrono::seconds(3600),
                       .http_only = true,
                       .secure = request.secure,
                       .same_site = "Strict"});
  return response;
}

}  // namespace

http::Response authorize_form(const http::Request& request, const services::OAuthEndpoints& oauth) {
  const auto authorize =
      read_authorize([&request](const char* name) { return request.query_param(name); });
  auto params = checked_authorize(request, oauth, authorize);
  if (!params) return std::move(params.error());
  const std::string prompt = authorize.prompt.value_or("");
  // OpenID Connect Core §3.1.2.1: prompt=login, or a sign-in older than max_age, means the
  // user signs in again even with a valid SSO session.
  if (prompt != "login") {
    if (const auto cookie = request.cookie(kSessionCookie)) {
      if (const auto session = oauth.sessions.find(*cookie)) {
        if (oauth.authorization_requests.session_user_may_authorize(*session, *params) &&
            oauth.sessions.within_max_age(*session, *params)) {
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
  return form_response(request, oauth, *params, HttpStatus::kOk, authorize, "", "");
}

http::Response authorize_submit(const http::Request& request,
                                const services::OAuthEndpoints& oauth) {
  const auto form = urlencoded_form(request);
  if (!form) {
    return fatal(request, Error::oauth(HttpStatus::kBadRequest, "invalid_request",
                                       "The form body is malformed.", "invalid_request"));
  }
  const auto authorize = read_authorize([&form](const char* name) { return form->get(name); });
  auto params = checked_authorize(request, oauth, authorize);
  if (!params) return std::move(params.error());
  const std::string login_id = form->get("loginId").value_or("");
  if (!form_post_allowed(request, *form)) {
    return form_response(request, oauth, *params, HttpStatus::kForbidden, authorize, login_id,
                         "Your sign-in form expired. Please try again.");
  }
  const auto result = oauth.hosted_login.login(
      *params, login_id, form->get("password").value_or(""),
      request.client_ip.empty() ? std::nullopt : std::optional(request.client_ip));
  oidc::log_refusal(request, HttpStatus::kOk, result.log_detail);
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
  if (result.kind == services::HostedLoginResult::Kind::kChangePasswordRequired &&
      !result.change_password_id.empty()) {
    return change_password_redirect(authorize, result.change_password_id);
  }
  if (result.retry_after) {
    auto response = form_response(request, oauth, *params, HttpStatus::kTooManyRequests, authorize,
                                  login_id, result.message);
    response.set_header("Retry-After", std::to_string(result.retry_after->count()));
    return response;
  }
  if (result.kind != services::HostedLoginResult::Kind::kSuccess || !result.user) {
    return form_response(request, oauth, *params, HttpStatus::kOk, authorize, login_id,
                         result.message);
  }
  // A previous session in this browser ends: the form signed someone in afresh.
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.sessions.end(*cookie);
  auto [cookie_value, session] = oauth.sessions.start(*result.user);
  return code_redirect(request, oauth, *params, session, cookie_value);
}

http::Response two_factor_form(const http::Request& request,
                               const services::OAuthEndpoints& oauth) {
  const auto authorize =
      read_authorize([&request](const char* name) { return request.query_param(name); });
  auto params = checked_authorize(request, oauth, authorize);
  if (!params) return std::move(params.error());
  if (!request.cookie(kTwoFactorCookie)) {
    return page_response(HttpStatus::kBadRequest,
                         error_page("Sign-in expired", "Please start signing in again.",
                                    oauth.themes.look(params->tenant_id, params->application_id)));
  }
  return form_response(request, oauth, *params, HttpStatus::kOk, authorize, "", "",
                       Form::kTwoFactor);
}

http::Response two_factor_submit(const http::Request& request,
                                 const services::OAuthEndpoints& oauth) {
  const auto form = urlencoded_form(request);
  if (!form) {
    return fatal(request, Error::oauth(HttpStatus::kBadRequest, "invalid_request",
                                       "The form body is malformed.", "invalid_request"));
  }
  const auto authorize = read_authorize([&form](const char* name) { return form->get(name); });
  auto params = checked_authorize(request, oauth, authorize);
  if (!params) return std::move(params.error());
  if (!form_post_allowed(request, *form)) {
    return form_response(request, oauth, *params, HttpStatus::kForbidden, authorize, "",
                         "Your form expired. Please try again.", Form::kTwoFactor);
  }
  const auto result = oauth.hosted_login.two_factor(
      *params, request.cookie(kTwoFactorCookie).value_or(""), form->get("code").value_or(""),
      request.client_ip.empty() ? std::nullopt : std::optional(request.client_ip));
  oidc::log_refusal(request, HttpStatus::kOk, result.log_detail);
  if (result.kind == services::HostedLoginResult::Kind::kChangePasswordRequired &&
      !result.change_password_id.empty()) {
    // The twoFactorId is spent; the password change finishes the sign-in.
    auto response = change_password_redirect(authorize, result.change_password_id);
    response.set_cookie(http::Cookie::expired(std::string(kTwoFactorCookie), "/oauth2/two-factor"));
    return response;
  }
  if (result.kind != services::HostedLoginResult::Kind::kSuccess || !result.user) {
    return form_response(request, oauth, *params, HttpStatus::kOk, authorize, "", result.message,
                         Form::kTwoFactor);
  }
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.sessions.end(*cookie);
  auto [cookie_value, session] = oauth.sessions.start(*result.user);
  auto response = code_redirect(request, oauth, *params, session, cookie_value);
  response.set_cookie(http::Cookie::expired(std::string(kTwoFactorCookie), "/oauth2/two-factor"));
  return response;
}

http::Response logout(const http::Request& request, const services::OAuthEndpoints& oauth) {
  auto location = oauth.sessions.logout_location(
      request.query_param("client_id"), request.query_param("post_logout_redirect_uri"),
      request.query_param("id_token_hint"), request.query_param("state"));
  if (!location) return fatal(request, location.error());
  if (const auto cookie = request.cookie(kSessionCookie)) {
    oauth.sessions.logout(
        *cookie, request.client_ip.empty() ? std::nullopt : std::optional(request.client_ip));
  }
  auto response = http::Response::redirect(*location);
  response.set_header("Cache-Control", "no-store");
  response.set_cookie(http::Cookie::expired(std::string(kSessionCookie)));
  return response;
}

}  // namespace latchkey::web
