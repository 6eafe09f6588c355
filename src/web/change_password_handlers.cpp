#include "web/change_password_handlers.hpp"

#include "crypto/random.hpp"
#include "services/common/oauth_rules.hpp"
#include "web/authorize_handlers.hpp"
#include "web/hosted_flow.hpp"
#include "web/pages.hpp"

namespace latchkey::web {
namespace {

using services::AuthorizeParams;
using services::AuthorizeRequest;

std::string page_path(const std::string& change_password_id) {
  return std::string(kChangePasswordPath) + "/" + change_password_id;
}

// The request's pending OAuth flow, validated; nothing when the page was opened without one
// (a link built from the Login API's 203), an error response when it is invalid.
struct Flow {
  std::optional<AuthorizeParams> params;
  std::optional<http::Response> refusal;
};

Flow read_flow(const http::Request& request, const AuthorizeRequest& authorize,
               const services::OAuthEndpoints& oauth) {
  if (!authorize.client_id) return {};
  auto params = checked_authorize(request, oauth, authorize);
  if (!params) return {std::nullopt, std::move(params.error())};
  return {std::move(*params), std::nullopt};
}

http::Response expired_page() {
  return page_response(HttpStatus::kNotFound,
                       error_page("Password change expired",
                                  "This password change link is invalid, used or expired. "
                                  "Please sign in again."));
}

// The theme of the sign-in the change belongs to; FusionAuth's when opened without one.
PageLook look_of(const Flow& flow, const services::OAuthEndpoints& oauth) {
  if (!flow.params) return oauth.themes.look(std::nullopt, std::nullopt);
  return oauth.themes.look(flow.params->tenant_id, flow.params->application_id);
}

http::Response form_response(const http::Request& request, HttpStatus status,
                             const AuthorizeRequest& authorize,
                             const std::string& change_password_id, std::string_view message,
                             const PageLook& look) {
  // Security: double-submit CSRF token, fresh per rendered form (see authorize_handlers.cpp).
  const std::string csrf = crypto::random_token(32);
  auto fields = hidden_fields(authorize, csrf);
  // A change inside a sign-in (the pending request was re-validated by the caller) ends in a
  // redirect to the client's redirect_uri.
  auto response = page_response(
      status, change_password_page(page_path(change_password_id), fields, message, look),
      form_redirect_source(authorize.redirect_uri.value_or("")));
  response.set_cookie({.name = std::string(kCsrfCookie),
                       .value = csrf,
                       .path = std::string(kChangePasswordPath),
                       .max_age = std::chrono::seconds(3600),
                       .http_only = true,
                       .secure = request.secure,
                       .same_site = "Strict"});
  return response;
}

// The form's words for the service's field errors.
std::string form_message(const Error& error) {
  for (const auto& [field, items] : error.field_errors()) {
    for (const auto& item : items) {
      if (item.code == "[blank]password") return "Enter a new password.";
      std::string message = item.message;
      if (const auto at = message.find("The [password]"); at != std::string::npos) {
        message.replace(at, 14, "Your new password");
      }
      return message;
    }
  }
  return "Your password could not be changed.";
}

}  // namespace

http::Response change_password_redirect(const AuthorizeRequest& authorize,
                                        const std::string& change_password_id) {
  std::vector<std::pair<std::string, std::string>> query;
  for (auto& field : hidden_fields(authorize, "")) {
    if (field.first != "csrf_token") query.push_back(std::move(field));
  }
  auto response =
      http::Response::redirect(services::oauth::append_query(page_path(change_password_id), query));
  response.set_header("Cache-Control", "no-store");
  // Security: the id is in the URL; no Referer may carry it to another site.
  response.set_header("Referrer-Policy", "no-referrer");
  return response;
}

http::Response change_password_form(const http::Request& request,
                                    const services::OAuthEndpoints& oauth,
                                    services::ChangePasswordService& change_password) {
  const std::string& id = request.path_param("changePasswordId");
  const auto authorize =
      read_authorize([&request](const char* name) { return request.query_param(name); });
  auto flow = read_flow(request, authorize, oauth);
  if (flow.refusal) return std::move(*flow.refusal);
  if (!change_password.pending_user(id)) return expired_page();
  return form_response(request, HttpStatus::kOk, authorize, id, "", look_of(flow, oauth));
}

http::Response change_password_submit(const http::Request& request,
                                      const services::OAuthEndpoints& oauth,
                                      services::ChangePasswordService& change_password) {
  const std::string& id = request.path_param("changePasswordId");
  const auto form = urlencoded_form(request);
  if (!form) {
    return fatal(request, Error::oauth(HttpStatus::kBadRequest, "invalid_request",
                                       "The form body is malformed.", "invalid_request"));
  }
  const auto authorize = read_authorize([&form](const char* name) { return form->get(name); });
  auto flow = read_flow(request, authorize, oauth);
  if (flow.refusal) return std::move(*flow.refusal);
  if (!change_password.pending_user(id)) return expired_page();
  if (!form_post_allowed(request, *form)) {
    return form_response(request, HttpStatus::kForbidden, authorize, id,
                         "Your form expired. Please try again.", look_of(flow, oauth));
  }
  const std::string password = form->get("password").value_or("");
  if (password != form->get("passwordConfirm").value_or("")) {
    return form_response(request, HttpStatus::kOk, authorize, id, "The passwords do not match.",
                         look_of(flow, oauth));
  }
  services::ChangePasswordRequest change;
  change.change_password_id = id;
  change.password = Secret(password);
  auto changed = change_password.change_by_id(change);
  if (!changed) {
    if (changed.error().http_status() == HttpStatus::kBadRequest) {
      return form_response(request, HttpStatus::kOk, authorize, id, form_message(changed.error()),
                           look_of(flow, oauth));
    }
    return expired_page();
  }
  if (!flow.params) {
    auto response =
        page_response(HttpStatus::kOk,
                      notice_page("Password changed",
                                  "Your password has been changed. Sign in with your new password.",
                                  look_of(flow, oauth)));
    response.set_cookie(
        http::Cookie::expired(std::string(kCsrfCookie), std::string(kChangePasswordPath)));
    return response;
  }
  if (!oauth.authorization_requests.user_may_authorize(changed->user, *flow.params)) {
    return page_response(HttpStatus::kForbidden,
                         error_page("Sign-in refused",
                                    "Your password was changed, but you are not allowed to sign "
                                    "in to this application.",
                                    look_of(flow, oauth)));
  }
  // The change completes the sign-in the login form started: a fresh session, then the code.
  if (const auto cookie = request.cookie(kSessionCookie)) oauth.sessions.end(*cookie);
  auto [cookie_value, session] = oauth.sessions.start(changed->user);
  auto response = code_redirect(request, oauth, *flow.params, session, cookie_value);
  response.set_cookie(
      http::Cookie::expired(std::string(kCsrfCookie), std::string(kChangePasswordPath)));
  return response;
}

}  // namespace latchkey::web
