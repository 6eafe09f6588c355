// grant_type=password (RFC 6749 §4.3; seed §2.6): the Login API's rules, in OAuth's words.
#include "services/oauth/password_grant.hpp"

#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

using oauth::invalid_grant;
using oauth::invalid_request;
using oauth::oauth_error;

Result<json::object> PasswordGrant::exchange(const OAuthTokenRequest& request,
                                             const ConfigSnapshot& snapshot,
                                             const domain::Application& application) {
  if (!request.login_id || request.login_id->empty() || !request.password ||
      request.password->empty()) {
    return fail(invalid_request("The loginId (or username) and password parameters are required.",
                                "invalid_user_credentials"));
  }
  LATCHKEY_TRY(auto scopes, oauth::parse_scopes(request.scope, application));
  LoginRequest login{*request.login_id,
                     Secret(*request.password),
                     application.id.str(),
                     request.ip_address,
                     true,
                     {}};
  login.second_factor_keeps_no_jwt = false;
  login.client_address = request.ip_address.value_or("");
  auto outcome = login_.login(Caller{}, login);
  if (!outcome) {
    switch (outcome.error().http_status()) {
      case HttpStatus::kTooManyRequests: {
        // The login throttle: 429 with Retry-After, in the OAuth error shape.
        Error error =
            oauth_error(HttpStatus::kTooManyRequests, "invalid_grant",
                        "Too many failed sign-in attempts. Try again later.", "login_prevented");
        if (const auto& wait = outcome.error().retry_after()) error.with_retry_after(*wait);
        return fail(std::move(error));
      }
      case HttpStatus::kGone:
        return fail(oauth_login_prevented(LoginPrevention::kExpired));
      case HttpStatus::kNotFound:
        return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
      default:
        return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials")
                        .with_log_detail(outcome.error().log_detail()));
    }
  }
  switch (outcome->status) {
    case HttpStatus::kOk:
    case HttpStatus::kAccepted:
      break;
    case HttpStatus::kConflict:
      return fail(oauth_login_prevented(LoginPrevention::kLocked));
    case HttpStatus::kTwoFactorRequired: {
      // FusionAuth's OAuthError carries what the Two Factor Login API needs to finish.
      const auto* methods = outcome->body.if_contains("methods");
      const auto two_factor_id = json::get_string(outcome->body, "twoFactorId").value_or("");
      return fail(oauth_error(HttpStatus::kBadRequest, "two_factor_required",
                              "A second factor is required.", "multi_factor_challenge_required")
                      .with_oauth_member("two_factor_id", json::value(two_factor_id))
                      .with_oauth_member("two_factor_methods",
                                         methods != nullptr ? *methods : json::array()));
    }
    case HttpStatus::kNonAuthoritative: {
      const auto reason = json::get_string(outcome->body, "changePasswordReason").value_or("");
      const auto change_id = json::get_string(outcome->body, "changePasswordId").value_or("");
      return fail(oauth_error(HttpStatus::kBadRequest, "change_password_required",
                              "The user must change their password.",
                              oauth::change_password_reason(reason))
                      .with_oauth_member("change_password_id", json::value(change_id)));
    }
    case HttpStatus::kEmailNotVerified:
      return fail(
          invalid_grant("The user's email is not verified.", "email_verification_required"));
    case HttpStatus::kRegistrationNotVerified:
      return fail(invalid_grant("The user's registration is not verified.",
                                "registration_verification_required"));
    default:
      return fail(invalid_grant("The user cannot sign in.", "login_prevented"));
  }
  if (!outcome->user) return fail(invalid_grant("Invalid user credentials.", "unknown"));
  auto user = users_.find_user(outcome->user->user.id);
  if (!user) return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
  const auto* tenant = snapshot.find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(invalid_grant("The tenant is gone.", "unknown"));
  TokenGrant in{
      tenant,       &application, &*user,       std::move(scopes), "PASSWORD",        clock_.now(),
      std::nullopt, std::nullopt, std::nullopt, request.device,    request.ip_address};
  return issuer_.issue(in);
}

}  // namespace latchkey::services
