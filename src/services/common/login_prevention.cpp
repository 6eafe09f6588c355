#include "services/common/login_prevention.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

LoginPrevention login_prevention(const LoginAttempt& attempt) {
  const domain::User* user = attempt.user;
  if (user == nullptr) return LoginPrevention::kUserNotFound;
  const domain::Application* application = attempt.application;
  if (application != nullptr && application->tenant_id != user->tenant_id) {
    return LoginPrevention::kUserNotFound;
  }
  if (!user->active) return LoginPrevention::kUserInactive;
  if (user->failures.locked_until && *user->failures.locked_until > attempt.now) {
    return LoginPrevention::kLocked;
  }
  if (const auto expiry = json::get_int(user->data, "expiry");
      expiry && *expiry <= to_epoch_ms(attempt.now)) {
    return LoginPrevention::kExpired;
  }
  if (attempt.application_requested && (application == nullptr || !application->active)) {
    return LoginPrevention::kApplicationInactive;
  }
  if (attempt.registration_required && attempt.registration == nullptr) {
    return LoginPrevention::kRegistrationRequired;
  }
  if (attempt.stage == LoginStage::kCredentials &&
      json::get_bool(user->data, "passwordChangeRequired").value_or(false)) {
    return LoginPrevention::kPasswordChangeRequired;
  }
  return LoginPrevention::kNone;
}

bool requires_registration(const domain::Application& application) {
  return json::get_bool(application.data, "oauthConfiguration.requireRegistration").value_or(false);
}

std::string_view to_string(LoginPrevention prevention) {
  switch (prevention) {
    case LoginPrevention::kNone:
      return "none";
    case LoginPrevention::kUserNotFound:
      return "user not found";
    case LoginPrevention::kUserInactive:
      return "user inactive";
    case LoginPrevention::kLocked:
      return "user locked";
    case LoginPrevention::kExpired:
      return "user expired";
    case LoginPrevention::kApplicationInactive:
      return "application inactive";
    case LoginPrevention::kRegistrationRequired:
      return "registration required";
    case LoginPrevention::kPasswordChangeRequired:
      return "password change required";
  }
  return "unknown";
}

Error oauth_login_prevented(LoginPrevention prevention) {
  using oauth::invalid_grant;
  Error error = [&] {
    switch (prevention) {
      case LoginPrevention::kLocked:
        return invalid_grant("The user is locked.", "user_locked");
      case LoginPrevention::kExpired:
        return invalid_grant("The user has expired.", "user_expired");
      case LoginPrevention::kApplicationInactive:
        return oauth::invalid_client("The client_id does not name an application.",
                                     "invalid_client_id");
      case LoginPrevention::kRegistrationRequired:
        return invalid_grant("The user is not registered for this application.",
                             "registration_required");
      case LoginPrevention::kPasswordChangeRequired:
        return oauth::oauth_error(HttpStatus::kBadRequest, "change_password_required",
                                  "The user must change their password.",
                                  "change_password_administrative");
      case LoginPrevention::kNone:
      case LoginPrevention::kUserNotFound:
      case LoginPrevention::kUserInactive:
        break;
    }
    return invalid_grant("The user is no longer able to sign in.", "user_not_found");
  }();
  error.with_log_detail("login prevented: " + std::string(to_string(prevention)));
  return error;
}

}  // namespace latchkey::services
