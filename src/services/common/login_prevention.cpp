#include "services/common/login_prevention.hpp"

#include "services/common/oauth_rules.hpp"

namespace latchkey::services {

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
