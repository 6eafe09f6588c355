#include "api/login_response.hpp"

#include "api/cookies.hpp"
#include "api/views.hpp"
#include "core/overloaded.hpp"

namespace latchkey::api {

std::optional<std::string> login_address(const json::object& body, const http::Request& request) {
  if (auto given = json::get_string(body, "ipAddress"); given && !given->empty()) {
    return given;
  }
  // Security: X-Forwarded-For is not read here; client_ip already is the forwarded client
  // when, and only when, a trusted proxy sent it (http/forwarded.hpp).
  return request.client_ip;
}

json::object device_of(const json::object& body) {
  const auto* device = json::get_object(body, "metaData.device");
  return device ? *device : json::object();
}

namespace {

http::Response no_store(http::Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

HttpStatus status_of(services::LoggedIn::Standing standing) {
  switch (standing) {
    case services::LoggedIn::Standing::kRegistered:
      return HttpStatus::kOk;
    case services::LoggedIn::Standing::kNotRegistered:
      return HttpStatus::kAccepted;
    case services::LoggedIn::Standing::kEmailNotVerified:
      return HttpStatus::kEmailNotVerified;
    case services::LoggedIn::Standing::kRegistrationNotVerified:
      return HttpStatus::kRegistrationNotVerified;
  }
  return HttpStatus::kOk;
}

http::Response logged_in(const services::LoggedIn& in, const http::Request& request,
                         ApiServices& services) {
  json::object body;
  if (in.tokens.access_token) {
    body["token"] = in.tokens.access_token->token;
    body["tokenExpirationInstant"] = to_epoch_ms(in.tokens.access_token->expires);
    if (in.tokens.refresh_token) {
      body["refreshToken"] = in.tokens.refresh_token->value;
      body["refreshTokenId"] = in.tokens.refresh_token->record.id.str();
    }
  }
  body["user"] = user_view(in.user);
  auto response = http::Response::json(status_of(in.standing), body);
  if (in.tokens.access_token) {
    set_token_cookies(
        response, request, in.tokens.access_token->token, in.tokens.access_token->expires,
        in.tokens.refresh_token ? std::optional(in.tokens.refresh_token->value) : std::nullopt,
        in.tokens.refresh_token_expires, services.clock.now());
  }
  return no_store(std::move(response));
}

Result<http::Response> prevented(const services::LoginPrevented& prevented) {
  using services::LoginPrevention;
  switch (prevented.reason) {
    case LoginPrevention::kLocked: {
      // The lockout as FusionAuth shows a login-preventing action.
      json::object action{{"expiry", to_epoch_ms(prevented.locked_until)},
                          {"name", "Failed authentication"},
                          {"reason", "Too many failed login attempts"}};
      if (prevented.lockout_action_id) action["actionId"] = *prevented.lockout_action_id;
      return no_store(http::Response::json(
          HttpStatus::kConflict, json::object{{"actions", json::array{std::move(action)}}}));
    }
    case LoginPrevention::kExpired:
      return fail(Error::status(HttpStatus::kGone, prevented.detail));
    case LoginPrevention::kApplicationInactive:
      return fail(Error::field(HttpStatus::kBadRequest, "applicationId", "[invalid]applicationId",
                               "The [applicationId] does not name an application.")
                      .with_log_detail(prevented.detail));
    case LoginPrevention::kNone:
    case LoginPrevention::kPasswordChangeRequired:
    case LoginPrevention::kUserNotFound:
    case LoginPrevention::kUserInactive:
    case LoginPrevention::kRegistrationRequired:
      break;
  }
  // FusionAuth: an inactive user is answered as an unknown one.
  return fail(Error::status(HttpStatus::kNotFound, prevented.detail));
}

}  // namespace

Result<http::Response> render_login(const services::LoginOutcome& outcome,
                                    const http::Request& request, ApiServices& services) {
  return std::visit(
      Overloaded{
          [&](const services::LoggedIn& in) -> Result<http::Response> {
            return logged_in(in, request, services);
          },
          [](const services::TwoFactorRequired& two_factor) -> Result<http::Response> {
            return no_store(
                http::Response::json(HttpStatus::kTwoFactorRequired,
                                     json::object{{"twoFactorId", two_factor.two_factor_id},
                                                  {"methods", two_factor.methods}}));
          },
          [](const services::PasswordChangeRequired& change) -> Result<http::Response> {
            return no_store(
                http::Response::json(HttpStatus::kNonAuthoritative,
                                     json::object{{"changePasswordId", change.change_password_id},
                                                  {"changePasswordReason", change.reason}}));
          },
          [](const services::LoginPrevented& refused) { return prevented(refused); },
          [](const services::CredentialsRejected& rejected) -> Result<http::Response> {
            return fail(Error::status(HttpStatus::kNotFound, rejected.detail));
          },
          [](const services::TwoFactorCodeRejected& rejected) -> Result<http::Response> {
            return fail(Error::status(HttpStatus::kInvalidTwoFactorCode, rejected.detail));
          },
          [](const services::LoginThrottled& throttled) -> Result<http::Response> {
            Error error = Error::status(HttpStatus::kTooManyRequests, "login throttled");
            error.with_retry_after(throttled.retry_after);
            return fail(std::move(error));
          },
      },
      outcome);
}

Result<http::Response> render_reconcile(const services::ReconcileOutcome& outcome,
                                        const http::Request& request, ApiServices& services) {
  if (const auto* pending = std::get_if<services::PendingIdentityProviderLink>(&outcome)) {
    return no_store(http::Response::json(HttpStatus::kPendingLink,
                                         json::object{{"pendingIdPLinkId", pending->pending_id}}));
  }
  return render_login(std::get<services::LoginOutcome>(outcome), request, services);
}

}  // namespace latchkey::api
