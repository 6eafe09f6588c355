#pragma once
// A LoginOutcome as the Login API answers it (api/login_response.cpp): FusionAuth's status, the
// JSON body without the user, the issued tokens, or the Error a refused login renders as. Lets
// the services' rule tests state FusionAuth's status as they always have.

#include <variant>

#include "core/overloaded.hpp"
#include "services/federation/reconcile_service.hpp"
#include "services/users/login_service.hpp"

namespace latchkey::testing {

struct LoginAnswer {
  HttpStatus status = HttpStatus::kOk;
  json::object body;
  std::optional<services::IssuedToken> access_token;
  std::optional<services::IssuedRefreshToken> refresh_token;
  std::optional<services::UserView> user;  // shown as "user" in the body
};

inline Result<LoginAnswer> answer(const services::LoginOutcome& outcome) {
  using namespace services;
  return std::visit(
      Overloaded{
          [](const LoggedIn& in) -> Result<LoginAnswer> {
            LoginAnswer out;
            switch (in.standing) {
              case LoggedIn::Standing::kRegistered:
                out.status = HttpStatus::kOk;
                break;
              case LoggedIn::Standing::kNotRegistered:
                out.status = HttpStatus::kAccepted;
                break;
              case LoggedIn::Standing::kEmailNotVerified:
                out.status = HttpStatus::kEmailNotVerified;
                break;
              case LoggedIn::Standing::kRegistrationNotVerified:
                out.status = HttpStatus::kRegistrationNotVerified;
                break;
            }
            if (in.tokens.access_token) {
              out.body["token"] = in.tokens.access_token->token;
              if (in.tokens.refresh_token) {
                out.body["refreshToken"] = in.tokens.refresh_token->value;
              }
            }
            out.access_token = in.tokens.access_token;
            out.refresh_token = in.tokens.refresh_token;
            out.user = in.user;
            return out;
          },
          [](const TwoFactorRequired& two_factor) -> Result<LoginAnswer> {
            return LoginAnswer{HttpStatus::kTwoFactorRequired,
                               json::object{{"twoFactorId", two_factor.two_factor_id},
                                            {"methods", two_factor.methods}},
                               std::nullopt, std::nullopt, std::nullopt};
          },
          [](const PasswordChangeRequired& change) -> Result<LoginAnswer> {
            return LoginAnswer{HttpStatus::kNonAuthoritative,
                               json::object{{"changePasswordId", change.change_password_id},
                                            {"changePasswordReason", change.reason}},
                               std::nullopt, std::nullopt, std::nullopt};
          },
          [](const LoginPrevented& prevented) -> Result<LoginAnswer> {
            switch (prevented.reason) {
              case LoginPrevention::kLocked: {
                json::object action{{"expiry", to_epoch_ms(prevented.locked_until)},
                                    {"name", "Failed authentication"},
                                    {"reason", "Too many failed login attempts"}};
                if (prevented.lockout_action_id) action["actionId"] = *prevented.lockout_action_id;
                return LoginAnswer{HttpStatus::kConflict,
                                   json::object{{"actions", json::array{std::move(action)}}},
                                   std::nullopt, std::nullopt, std::nullopt};
              }
              case LoginPrevention::kExpired:
                return fail(Error::status(HttpStatus::kGone, prevented.detail));
              case LoginPrevention::kApplicationInactive:
                return fail(Error::status(HttpStatus::kBadRequest, prevented.detail));
              default:
                return fail(Error::status(HttpStatus::kNotFound, prevented.detail));
            }
          },
          [](const CredentialsRejected& rejected) -> Result<LoginAnswer> {
            return fail(Error::status(HttpStatus::kNotFound, rejected.detail));
          },
          [](const TwoFactorCodeRejected& rejected) -> Result<LoginAnswer> {
            return fail(Error::status(HttpStatus::kInvalidTwoFactorCode, rejected.detail));
          },
          [](const LoginThrottled& throttled) -> Result<LoginAnswer> {
            Error error = Error::status(HttpStatus::kTooManyRequests, "login throttled");
            error.with_retry_after(throttled.retry_after);
            return fail(std::move(error));
          },
      },
      outcome);
}

inline Result<LoginAnswer> answer(const Result<services::LoginOutcome>& outcome) {
  if (!outcome) return fail(outcome.error());
  return answer(*outcome);
}

inline Result<LoginAnswer> answer(const Result<services::ReconcileOutcome>& outcome) {
  if (!outcome) return fail(outcome.error());
  if (const auto* pending = std::get_if<services::PendingIdentityProviderLink>(&*outcome)) {
    return LoginAnswer{HttpStatus::kPendingLink,
                       json::object{{"pendingIdPLinkId", pending->pending_id}}, std::nullopt,
                       std::nullopt, std::nullopt};
  }
  return answer(std::get<services::LoginOutcome>(*outcome));
}

}  // namespace latchkey::testing
