#pragma once
// Whether a login may happen now, decided in one place: a pure function of the user, the
// application, the registration and the time. Every front door asks it and renders its answer
// in its own dialect, so one state gets one answer everywhere:
//
// clang-format off
//   state                    Login API, 2FA, reconcile      OAuth token endpoint (invalid_grant)     hosted form
//   kUserNotFound            404                            user_not_found                           200 "Invalid login credentials."
//   kUserInactive            404                            user_not_found                           200 "Invalid login credentials."
//   kLocked                  409 {actions}                  user_locked                              "...locked..."
//   kExpired                 410                            user_expired                             "...expired."
//   kApplicationInactive     400 [invalid]applicationId     invalid_client (before any grant)        the client check
//   kRegistrationRequired    - (the Login API says 202)     registration_required                    "not allowed"
//   kPasswordChangeRequired  203 {changePasswordId}         change_password_required                 302 /password/change
// clang-format on
//
// The refresh endpoints (POST /api/jwt/refresh, grant_type=refresh_token) answer every
// prevention as a dead refresh token (400 [invalid]refreshToken / invalid_grant
// refresh_token_not_found, the only failure the seed documents) and revoke the user's tokens
// per refreshTokenRevocationPolicy.onLoginPrevented. The OAuth rendering is
// services::oauth_login_prevented (services/common/login_prevention.hpp).
//
//   const auto verdict = login_prevention({&user, application, registration, false,
//                                          false, LoginStage::kCredentials, now});
//   if (verdict != LoginPrevention::kNone) return render(verdict);

#include <string_view>

#include "core/clock.hpp"
#include "domain/records.hpp"

namespace latchkey::domain {

// In the order they are decided: the first that holds is the answer.
enum class LoginPrevention {
  kNone,
  kUserNotFound,            // no user, or a user of another tenant than the application's
  kUserInactive,            // deactivated (FusionAuth answers as for an unknown user)
  kLocked,                  // failed-authentication lockout still running
  kExpired,                 // user.expiry has passed
  kApplicationInactive,     // the application asked for is gone or deactivated
  kRegistrationRequired,    // oauthConfiguration.requireRegistration and no registration
  kPasswordChangeRequired,  // user.passwordChangeRequired (credential logins only)
};

enum class LoginStage {
  // Credentials (a password, a one-time password, a second factor, a federated token) were just
  // presented: every rule applies.
  kCredentials,
  // A login that already happened goes on (an SSO session, an authorization code, a refresh
  // token): the same rules except the password change, which that login already asked for.
  kContinuation,
};

struct LoginAttempt {
  const User* user = nullptr;
  // The application the login is for, when one was asked for (application_requested); a
  // requested application that is null is a missing one.
  const Application* application = nullptr;
  const Registration* registration = nullptr;
  bool application_requested = false;
  // The browser grants of an application with oauthConfiguration.requireRegistration.
  bool registration_required = false;
  LoginStage stage = LoginStage::kCredentials;
  Instant now;
};

LoginPrevention login_prevention(const LoginAttempt& attempt);

std::string_view to_string(LoginPrevention prevention);

}  // namespace latchkey::domain
