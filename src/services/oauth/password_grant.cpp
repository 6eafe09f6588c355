// grant_type=password (RFC 6749 §4.3; seed §2.6): the Login API's rules, in OAuth's words.
#include "services/oauth/password_grant.hpp"

#include "core/overloaded.hpp"
#include "services/common/login_prevention.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

using oauth::invalid_grant;
using oauth::invalid_request;
using oauth::oauth_error;

namespace {

// The Login API's outcome in OAuth's words: the signed-in user's id, or the error.
Result<Uuid> signed_in_user(const LoginOutcome& outcome) {
  return std::visit(
      Overloaded{
          [](const LoggedIn& in) -> Result<Uuid> {
            switch (in.standing) {
              case LoggedIn::Standing::kRegistered:
              case LoggedIn::Standing::kNotRegistered:
                return in.user.user.id;
              case LoggedIn::Standing::kEmailNotVerified:
                return fail(invalid_grant("The user's email is not verified.",
                                          "email_verification_required"));
              case LoggedIn::Standing::kRegistrationNotVerified:
                return fail(invalid_grant("The user's registration is not verified.",
                                          "registration_verification_required"));
            }
            return fail(invalid_grant("The user cannot sign in.", "login_prevented"));
          },
          [](const TwoFactorRequired& two_factor) -> Result<Uuid> {
            // FusionAuth's OAuthError carries what the Two Factor Login API needs to finish.
            return fail(
                oauth_error(HttpStatus::kBadRequest, "two_factor_required",
                            "A second factor is required.", "multi_factor_challenge_required")
                    .with_oauth_member("two_factor_id", json::value(two_factor.two_factor_id))
                    .with_oauth_member("two_factor_methods", two_factor.methods));
          },
          [](const PasswordChangeRequired& change) -> Result<Uuid> {
            return fail(oauth_error(HttpStatus::kBadRequest, "change_password_required",
                                    "The user must change their password.",
                                    oauth::change_password_reason(change.reason))
                            .with_oauth_member("change_password_id",
                                               json::value(change.change_password_id)));
          },
          [](const LoginPrevented& prevented) -> Result<Uuid> {
            switch (prevented.reason) {
              case LoginPrevention::kLocked:
              case LoginPrevention::kExpired:
                return fail(oauth_login_prevented(prevented.reason));
              case LoginPrevention::kApplicationInactive:
                return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials")
                                .with_log_detail(prevented.detail));
              case LoginPrevention::kNone:
              case LoginPrevention::kPasswordChangeRequired:
              case LoginPrevention::kUserNotFound:
              case LoginPrevention::kUserInactive:
              case LoginPrevention::kRegistrationRequired:
                break;
            }
            return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
          },
          [](const CredentialsRejected&) -> Result<Uuid> {
            return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
          },
          [](const TwoFactorCodeRejected& rejected) -> Result<Uuid> {
            return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials")
                            .with_log_detail(rejected.detail));
          },
          [](const LoginThrottled& throttled) -> Result<Uuid> {
            // The login throttle: 429 with Retry-After, in the OAuth error shape.
            Error error = oauth_error(HttpStatus::kTooManyRequests, "invalid_grant",
                                      "Too many failed sign-in attempts. Try again later.",
                                      "login_prevented");
            error.with_retry_after(throttled.retry_after);
            return fail(std::move(error));
          },
      },
      outcome);
}

}  // namespace

Result<json::object> PasswordGrant::exchange(const OAuthTokenRequest& request,
                                             const ConfigSnapshot& snapshot,
                                             const domain::Application& application) {
  if (!request.login_id || request.login_id->empty() || !request.password ||
      request.password->empty()) {
    return fail(invalid_request("The loginId (or username) and password parameters are required.",
                                "invalid_user_credentials"));
  }
  LATCHKEY_TRY(auto scopes,
               oauth::parse_scopes(request.scope, snapshot.settings(application)->oauth));
  LoginRequest login{*request.login_id,
                     Secret(*request.password),
                     application.id.str(),
                     request.ip_address,
                     true,
                     {}};
  login.second_factor_keeps_no_jwt = false;
  login.client_address = request.ip_address.value_or("");
  const auto outcome = login_.login(Caller{}, login);
  if (!outcome) {
    // Bad input or a failure nobody planned for: no more than the Login API would reveal.
    return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials")
                    .with_log_detail(outcome.error().log_detail()));
  }
  LATCHKEY_TRY(const auto user_id, signed_in_user(*outcome));
  auto user = users_.find_user(user_id);
  if (!user) return fail(invalid_grant("Invalid user credentials.", "invalid_user_credentials"));
  const auto* tenant = snapshot.find_tenant(user->tenant_id);
  if (tenant == nullptr) return fail(invalid_grant("The tenant is gone.", "unknown"));
  TokenGrant in{
      tenant,       &application, &*user,       std::move(scopes), "PASSWORD",        clock_.now(),
      std::nullopt, std::nullopt, std::nullopt, request.device,    request.ip_address};
  return issuer_.issue(in);
}

}  // namespace latchkey::services
