// The hosted login form's credentials and second factor, through the Login API's rules: each
// LoginOutcome in the form's words.
#include "services/oauth/hosted_login.hpp"

#include "core/overloaded.hpp"

namespace latchkey::services {
namespace {

constexpr std::string_view kLocked = "Your account is locked. Try again later.";
constexpr std::string_view kExpired = "Your account has expired.";
constexpr std::string_view kThrottled = "Too many failed sign-in attempts. Try again later.";
constexpr std::string_view kChangePassword =
    "Your password must be changed before you can sign in.";

HostedLoginResult failed(std::string_view message, std::string log_detail = {}) {
  HostedLoginResult result;
  result.message = std::string(message);
  result.log_detail = std::move(log_detail);
  return result;
}

HostedLoginResult throttled(const LoginThrottled& throttled) {
  auto result = failed(kThrottled);
  result.retry_after = throttled.retry_after;
  return result;
}

HostedLoginResult change_password(const PasswordChangeRequired& change) {
  HostedLoginResult result;
  result.kind = HostedLoginResult::Kind::kChangePasswordRequired;
  result.message = std::string(kChangePassword);
  result.change_password_id = change.change_password_id;
  return result;
}

}  // namespace

HostedLoginResult HostedLogin::signed_in(const AuthorizeParams& params, const Uuid& user_id) {
  auto user = users_.find_user(user_id);
  if (!user || !requests_.user_may_authorize(*user, params)) {
    return failed("You are not allowed to sign in to this application.");
  }
  HostedLoginResult result;
  result.kind = HostedLoginResult::Kind::kSuccess;
  result.user = std::move(user);
  return result;
}

HostedLoginResult HostedLogin::login(const AuthorizeParams& params, const std::string& login_id,
                                     const std::string& password,
                                     const std::optional<std::string>& ip_address) {
  // Security: one message for every credential failure, so the form never tells whether a
  // login id exists.
  constexpr std::string_view kInvalid = "Invalid login credentials.";
  if (login_id.empty() || password.empty()) return failed("Enter your login and password.");
  LoginRequest login{login_id, Secret(password), params.application_id.str(), ip_address, true, {}};
  login.client_address = ip_address.value_or("");
  auto outcome = login_.login(Caller{}, login);
  if (!outcome) return failed(kInvalid, outcome.error().log_detail());
  return std::visit(
      Overloaded{
          [&](const LoggedIn& in) {
            switch (in.standing) {
              case LoggedIn::Standing::kRegistered:
              case LoggedIn::Standing::kNotRegistered:
                break;
              case LoggedIn::Standing::kEmailNotVerified:
                return failed("Your email address has not been verified.");
              case LoggedIn::Standing::kRegistrationNotVerified:
                return failed("Your registration has not been verified.");
            }
            return signed_in(params, in.user.user.id);
          },
          [](const TwoFactorRequired& two_factor) {
            HostedLoginResult result;
            result.kind = HostedLoginResult::Kind::kTwoFactorRequired;
            result.two_factor_id = two_factor.two_factor_id;
            return result;
          },
          [](const PasswordChangeRequired& change) { return change_password(change); },
          [&](const LoginPrevented& prevented) {
            if (prevented.reason == LoginPrevention::kLocked) return failed(kLocked);
            if (prevented.reason == LoginPrevention::kExpired) return failed(kExpired);
            return failed(kInvalid);
          },
          [&](const CredentialsRejected&) { return failed(kInvalid); },
          [&](const TwoFactorCodeRejected&) { return failed(kInvalid); },
          [](const LoginThrottled& wait) { return throttled(wait); },
      },
      *outcome);
}

HostedLoginResult HostedLogin::two_factor(const AuthorizeParams& params,
                                          const std::string& two_factor_id, const std::string& code,
                                          const std::optional<std::string>& ip_address) {
  constexpr std::string_view kStartAgain = "Your sign-in expired. Please start again.";
  constexpr std::string_view kCannot = "You cannot sign in right now.";
  if (two_factor_id.empty()) return failed(kStartAgain);
  if (code.empty()) return failed("Enter the code from your authenticator app.");
  TwoFactorLoginRequest request{two_factor_id, code, params.application_id.str(),
                                ip_address,    true, {}};
  request.client_address = ip_address.value_or("");
  auto outcome = login_.two_factor_login(request);
  if (!outcome) return failed(kStartAgain, outcome.error().log_detail());
  return std::visit(
      Overloaded{
          [&](const LoggedIn& in) {
            // Only a plain sign-in finishes here; an unverified email or registration does not.
            if (in.standing != LoggedIn::Standing::kRegistered &&
                in.standing != LoggedIn::Standing::kNotRegistered) {
              return failed(kCannot);
            }
            return signed_in(params, in.user.user.id);
          },
          [&](const TwoFactorRequired&) { return failed(kCannot); },
          [](const PasswordChangeRequired& change) { return change_password(change); },
          [&](const LoginPrevented& prevented) {
            if (prevented.reason == LoginPrevention::kLocked) return failed(kLocked);
            if (prevented.reason == LoginPrevention::kExpired) return failed(kExpired);
            return failed(kStartAgain);
          },
          [&](const CredentialsRejected&) { return failed(kStartAgain); },
          [](const TwoFactorCodeRejected&) { return failed("Invalid code. Try again."); },
          [](const LoginThrottled& wait) { return throttled(wait); },
      },
      *outcome);
}

}  // namespace latchkey::services
