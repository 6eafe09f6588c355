#include "domain/login_prevention.hpp"

namespace latchkey::domain {

LoginPrevention login_prevention(const LoginAttempt& attempt) {
  const User* user = attempt.user;
  if (user == nullptr) return LoginPrevention::kUserNotFound;
  const Application* application = attempt.application;
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

}  // namespace latchkey::domain
