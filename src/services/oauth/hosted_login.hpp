#pragma once
// The hosted login form's POSTs (/oauth2/authorize, /oauth2/two-factor): the credentials and the
// second factor through the Login API's rules (lockout, status, two-factor), then whether the
// user may be handed a code for the application.
//
//   const auto result = hosted.login(params, login_id, password, ip);

#include <chrono>
#include <optional>
#include <string>

#include "services/oauth/authorization_requests.hpp"
#include "services/users/login_service.hpp"
#include "store/store.hpp"

namespace latchkey::services {

// What the hosted login form's POST led to.
struct HostedLoginResult {
  enum class Kind { kSuccess, kFailed, kTwoFactorRequired, kChangePasswordRequired };
  Kind kind = Kind::kFailed;
  std::string message;               // for the form, on failure
  std::optional<domain::User> user;  // on success
  std::string two_factor_id;         // kTwoFactorRequired: completes with hosted_two_factor
  std::string change_password_id;    // kChangePasswordRequired: the /password/change page's id
  // The login throttle refused the attempt: the form answers 429 with this Retry-After.
  std::optional<std::chrono::seconds> retry_after;
  // An unexpected failure behind the form's message (a webhook's refusal, a broken record): for
  // the log, never the page.
  std::string log_detail;
};

class HostedLogin {
 public:
  HostedLogin(store::UserStore& users, LoginService& login, const AuthorizationRequests& requests)
      : users_(users), login_(login), requests_(requests) {}

  // The form's credentials, through the Login API's rules (lockout, status, two-factor).
  HostedLoginResult login(const AuthorizeParams& params, const std::string& login_id,
                          const std::string& password,
                          const std::optional<std::string>& ip_address);
  // The second step of a hosted login that needed a TOTP code.
  HostedLoginResult two_factor(const AuthorizeParams& params, const std::string& two_factor_id,
                               const std::string& code,
                               const std::optional<std::string>& ip_address);

 private:
  // A signed-in user, if they may be handed a code for the application.
  HostedLoginResult signed_in(const AuthorizeParams& params, const Uuid& user_id);

  store::UserStore& users_;
  LoginService& login_;
  const AuthorizationRequests& requests_;
};

}  // namespace latchkey::services
