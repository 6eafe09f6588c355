// The hosted login form's credentials and second factor, through the Login API's rules.
#include "services/oauth/hosted_login.hpp"

namespace latchkey::services {

HostedLoginResult HostedLogin::login(const AuthorizeParams& params, const std::string& login_id,
                                     const std::string& password,
                                     const std::optional<std::string>& ip_address) {
  HostedLoginResult result;
  // Security: one message for every credential failure, so the form never tells whether a
  // login id exists.
  result.message = "Invalid login credentials.";
  if (login_id.empty() || password.empty()) {
    result.message = "Enter your login and password.";
    return result;
  }
  LoginRequest login{login_id, Secret(password), params.application_id.str(), ip_address, true, {}};
  login.client_address = ip_address.value_or("");
  auto outcome = login_.login(Caller{}, login);
  if (!outcome) {
    if (outcome.error().http_status() == HttpStatus::kGone) {
      result.message = "Your account has expired.";
    } else if (outcome.error().http_status() == HttpStatus::kTooManyRequests) {
      result.message = "Too many failed sign-in attempts. Try again later.";
      result.retry_after = outcome.error().retry_after().value_or(std::chrono::seconds(1));
    }
    return result;
  }
  switch (outcome->status) {
    case HttpStatus::kOk:
    case HttpStatus::kAccepted:
      break;
    case HttpStatus::kConflict:
      result.message = "Your account is locked. Try again later.";
      return result;
    case HttpStatus::kTwoFactorRequired:
      result.kind = HostedLoginResult::Kind::kTwoFactorRequired;
      result.message.clear();
      result.two_factor_id = json::get_string(outcome->body, "twoFactorId").value_or("");
      return result;
    case HttpStatus::kNonAuthoritative:
      result.kind = HostedLoginResult::Kind::kChangePasswordRequired;
      result.message = "Your password must be changed before you can sign in.";
      result.change_password_id = json::get_string(outcome->body, "changePasswordId").value_or("");
      return result;
    case HttpStatus::kEmailNotVerified:
      result.message = "Your email address has not been verified.";
      return result;
    case HttpStatus::kRegistrationNotVerified:
      result.message = "Your registration has not been verified.";
      return result;
    default:
      return result;
  }
  if (!outcome->user) return result;
  auto user = users_.find_user(outcome->user->user.id);
  if (!user || !requests_.user_may_authorize(*user, params)) {
    result.message = "You are not allowed to sign in to this application.";
    return result;
  }
  result.kind = HostedLoginResult::Kind::kSuccess;
  result.message.clear();
  result.user = std::move(user);
  return result;
}

HostedLoginResult HostedLogin::two_factor(const AuthorizeParams& params,
                                          const std::string& two_factor_id, const std::string& code,
                                          const std::optional<std::string>& ip_address) {
  HostedLoginResult result;
  if (two_factor_id.empty()) {
    result.message = "Your sign-in expired. Please start again.";
    return result;
  }
  if (code.empty()) {
    result.message = "Enter the code from your authenticator app.";
    return result;
  }
  TwoFactorLoginRequest request{two_factor_id, code, params.application_id.str(),
                                ip_address,    true, {}};
  request.client_address = ip_address.value_or("");
  auto outcome = login_.two_factor_login(request);
  if (!outcome) {
    switch (outcome.error().http_status()) {
      case HttpStatus::kInvalidTwoFactorCode:
        result.message = "Invalid code. Try again.";
        break;
      case HttpStatus::kGone:
        result.message = "Your account has expired.";
        break;
      case HttpStatus::kTooManyRequests:
        result.message = "Too many failed sign-in attempts. Try again later.";
        result.retry_after = outcome.error().retry_after().value_or(std::chrono::seconds(1));
        break;
      default:
        result.message = "Your sign-in expired. Please start again.";
    }
    return result;
  }
  if (outcome->status == HttpStatus::kConflict) {
    result.message = "Your account is locked. Try again later.";
    return result;
  }
  if (outcome->status == HttpStatus::kNonAuthoritative) {
    result.kind = HostedLoginResult::Kind::kChangePasswordRequired;
    result.message = "Your password must be changed before you can sign in.";
    result.change_password_id = json::get_string(outcome->body, "changePasswordId").value_or("");
    return result;
  }
  if ((outcome->status != HttpStatus::kOk && outcome->status != HttpStatus::kAccepted) ||
      !outcome->user) {
    result.message = "You cannot sign in right now.";
    return result;
  }
  auto user = users_.find_user(outcome->user->user.id);
  if (!user || !requests_.user_may_authorize(*user, params)) {
    result.message = "You are not allowed to sign in to this application.";
    return result;
  }
  result.kind = HostedLoginResult::Kind::kSuccess;
  result.user = std::move(user);
  return result;
}

}  // namespace latchkey::services
