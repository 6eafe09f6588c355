#include "api/login_handlers.hpp"

#include "api/login_response.hpp"
#include "api/request_input.hpp"
#include "api/route_auth.hpp"

namespace latchkey::api {
namespace {

std::optional<std::string> application_id(const services::RequestFields& body) {
  const auto id = body.uuid("applicationId");
  return id ? std::optional(id->str()) : std::nullopt;
}

}  // namespace

Result<http::Response> login(http::Request& request, ApiServices& services,
                             const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kLoginRequest));
  services::LoginRequest input;
  input.login_id = body.string("loginId").value_or("");
  input.password = Secret(body.string("password").value_or(""));
  input.one_time_password = Secret(body.string("oneTimePassword").value_or(""));
  input.application_id = application_id(body);
  input.ip_address = login_address(body.json(), request);
  input.no_jwt = body.boolean("noJWT").value_or(false);
  input.device = device_of(body.json());
  input.client_address = request.client_ip;

  if (!caller.api_key && services.login.requires_api_key(caller, input.application_id)) {
    return fail(api_key_required());
  }
  LATCHKEY_TRY(const auto outcome, services.login.login(caller, input));
  return render_login(outcome, request, services);
}

// A key is optional here, but one that is sent must be valid (the route's kOptionalApiKey).
Result<http::Response> two_factor_login(http::Request& request, ApiServices& services,
                                        const services::Caller&) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kTwoFactorLoginRequest));
  services::TwoFactorLoginRequest input;
  input.two_factor_id = body.string("twoFactorId").value_or("");
  input.code = body.string("code").value_or("");
  input.application_id = application_id(body);
  input.ip_address = login_address(body.json(), request);
  input.no_jwt = body.boolean("noJWT").value_or(false);
  input.device = device_of(body.json());
  input.client_address = request.client_ip;
  LATCHKEY_TRY(const auto outcome, services.login.two_factor_login(input));
  return render_login(outcome, request, services);
}

}  // namespace latchkey::api
