// The authorization endpoint's request rules (RFC 6749 §4.1.1, §4.1.2.1).
#include "services/oauth/authorization_requests.hpp"

#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/oauth/oidc_claims.hpp"

namespace latchkey::services {

using oauth::invalid_request;
using oauth::oauth_error;

Result<AuthorizeParams> AuthorizationRequests::check_client(const AuthorizeRequest& request) const {
  if (!request.client_id || request.client_id->empty()) {
    return fail(invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  const auto snapshot = config_.current();
  const auto id = Uuid::parse(*request.client_id);
  const auto* application = id ? snapshot->find_application(*id) : nullptr;
  if (application == nullptr || !application->active) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
  if (!request.redirect_uri || request.redirect_uri->empty()) {
    return fail(invalid_request("The redirect_uri parameter is required.", "missing_redirect_uri"));
  }
  // Security: never redirect to a URI the application did not register, byte for byte.
  if (!oauth::redirect_uri_registered(snapshot->settings(*application)->oauth,
                                      *request.redirect_uri)) {
    return fail(invalid_request("The redirect_uri is not registered for this application.",
                                "invalid_redirect_uri"));
  }
  const auto* tenant = snapshot->find_tenant(application->tenant_id);
  return AuthorizeParams{
      request,
      application->id,
      application->tenant_id,
      *request.redirect_uri,
      {},
      tenant != nullptr ? issuer_of(*snapshot->settings(*tenant)) : std::string()};
}

Status AuthorizationRequests::check_request(const AuthorizeParams& params) const {
  const auto& request = params.request;
  if (!request.response_type || request.response_type->empty()) {
    return fail(
        invalid_request("The response_type parameter is required.", "missing_response_type"));
  }
  if (*request.response_type != "code") {
    return fail(oauth_error(HttpStatus::kBadRequest, "unsupported_response_type",
                            "Only response_type=code is supported.", "invalid_response_type"));
  }
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  if (application == nullptr) {
    return fail(
        invalid_request("The client_id does not name an application.", "invalid_client_id"));
  }
  const auto settings = snapshot->settings(*application);
  if (!oauth::grant_enabled(settings->oauth, "authorization_code")) {
    return fail(oauth_error(HttpStatus::kBadRequest, "unauthorized_client",
                            "The authorization_code grant is not enabled for this application.",
                            "grant_type_disabled"));
  }
  if (auto scopes = oauth::parse_scopes(request.scope, settings->oauth); !scopes) {
    return fail(std::move(scopes).error());
  }
  LATCHKEY_CHECK(oauth::check_code_challenge(settings->oauth, request.code_challenge,
                                             request.code_challenge_method));
  if (request.prompt && !request.prompt->empty() && *request.prompt != "none" &&
      *request.prompt != "login" && *request.prompt != "consent" &&
      *request.prompt != "select_account") {
    return fail(invalid_request("The prompt parameter is not supported.", "invalid_prompt"));
  }
  if (request.max_age && !oauth::parse_max_age(*request.max_age)) {
    return fail(invalid_request("The max_age parameter must be a non-negative integer.",
                                "invalid_max_age"));
  }
  return {};
}

bool AuthorizationRequests::user_may_authorize(const domain::User& user,
                                               const AuthorizeParams& params) const {
  const auto snapshot = config_.current();
  const auto* application = snapshot->find_application(params.application_id);
  const bool required =
      application != nullptr && snapshot->settings(*application)->oauth.require_registration;
  const auto registration = required && user.tenant_id == params.tenant_id
                                ? registrations_.find_registration(user.id, params.application_id)
                                : std::nullopt;
  return login_prevention({&user, application, registration ? &*registration : nullptr, true,
                           required, LoginStage::kContinuation, clock_.now()}) ==
         LoginPrevention::kNone;
}

bool AuthorizationRequests::session_user_may_authorize(const SsoSession& session,
                                                       const AuthorizeParams& params) const {
  const auto user = users_.find_user(session.user_id);
  return user && user_may_authorize(*user, params);
}

}  // namespace latchkey::services
