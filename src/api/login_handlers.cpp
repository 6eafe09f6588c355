#include "api/login_handlers.hpp"

#include "api/cookies.hpp"
#include "api/request_input.hpp"
#include "api/views.hpp"

namespace latchkey::api {
namespace {

// The address a login is recorded from: the body's ipAddress, else the first X-Forwarded-For
// hop, else the socket's peer (spec: Login API ipAddress).
std::optional<std::string> login_address(const json::object& body, const http::Request& request) {
  if (const auto given = json::get_string(body, "ipAddress"); given && !given->empty()) {
    return given;
  }
  if (const auto forwarded = request.header("X-Forwarded-For")) {
    const auto first = forwarded->substr(0, forwarded->find(','));
    std::string trimmed(first);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    if (!trimmed.empty()) return trimmed;
  }
  return request.client_ip;
}

json::object device_of(const json::object& body) {
  const auto* device = json::get_object(body, "metaData.device");
  return device ? *device : json::object();
}

Result<std::string> string_field(const json::object& body, const char* name) {
  const auto* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) return std::string();
  if (!value->is_string()) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                             "The [" + field + "] must be a string."));
  }
  return std::string(value->as_string());
}

http::Response render(const services::LoginOutcome& outcome, const http::Request& request,
                      ApiServices& services) {
  json::object body = outcome.body;
  if (outcome.user) body["user"] = user_view(*outcome.user);
  auto response = http::Response::json(outcome.status, body);
  if (outcome.access_token) {
    set_token_cookies(
        response, request, outcome.access_token->token, outcome.access_token->expires,
        outcome.refresh_token ? std::optional(outcome.refresh_token->value) : std::nullopt,
        outcome.refresh_token_expires, services.clock.now());
  }
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

Result<http::Response> login(http::Request& request, ApiServices& services) {
  LATCHKEY_TRY(const auto body, json_body(request));
  services::LoginRequest input;
  LATCHKEY_TRY(input.login_id, string_field(body, "loginId"));
  LATCHKEY_TRY(auto password, string_field(body, "password"));
  input.password = Secret(std::move(password));
  LATCHKEY_TRY(auto one_time_password, string_field(body, "oneTimePassword"));
  input.one_time_password = Secret(std::move(one_time_password));
  LATCHKEY_TRY(auto application_id, string_field(body, "applicationId"));
  if (!application_id.empty()) input.application_id = std::move(application_id);
  input.ip_address = login_address(body, request);
  input.no_jwt = json::get_bool(body, "noJWT").value_or(false);
  input.device = device_of(body);

  LATCHKEY_TRY(const auto anonymous,
               services.authenticator.authenticate_optional(credentials(request)));
  services::Caller caller = anonymous;
  if (!caller.api_key && services.login.requires_api_key(caller, input.application_id)) {
    LATCHKEY_TRY(caller, services.authenticator.authenticate(credentials(request)));
  }
  LATCHKEY_TRY(const auto outcome, services.login.login(caller, input));
  return render(outcome, request, services);
}

Result<http::Response> two_factor_login(http::Request& request, ApiServices& services) {
  LATCHKEY_TRY(const auto body, json_body(request));
  LATCHKEY_TRY(const auto caller,
               services.authenticator.authenticate_optional(credentials(request)));
  (void)caller;
  services::TwoFactorLoginRequest input;
  LATCHKEY_TRY(input.two_factor_id, string_field(body, "twoFactorId"));
  LATCHKEY_TRY(input.code, string_field(body, "code"));
  LATCHKEY_TRY(auto application_id, string_field(body, "applicationId"));
  if (!application_id.empty()) input.application_id = std::move(application_id);
  input.ip_address = login_address(body, request);
  input.no_jwt = json::get_bool(body, "noJWT").value_or(false);
  input.device = device_of(body);
  LATCHKEY_TRY(const auto outcome, services.login.two_factor_login(input));
  return render(outcome, request, services);
}

}  // namespace latchkey::api
