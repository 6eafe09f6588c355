#include "api/change_password_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
// The route's kApiKeyOrChangePasswordId: `caller` is an authenticated key whenever the request
// carries no changePasswordId, and anonymous otherwise.
Result<http::Response> change_password(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kChangePasswordRequest));
  services::ChangePasswordRequest input;
  const auto id = body.string("changePasswordId");
  const auto login_id = body.string("loginId");
  const auto current = body.string("currentPassword");
  const auto password = body.string("password");
  const auto uuid = body.uuid("applicationId");
  const auto application_id = uuid ? std::optional(uuid->str()) : std::nullopt;
  input.change_password_id = id && !id->empty() ? *id
                                                : (request.path_params.contains("changePasswordId")
                                                       ? request.path_param("changePasswordId")
                                                       : std::string());
  input.login_id = login_id.value_or("");
  if (current) input.current_password = Secret(*current);
  input.password = Secret(password.value_or(""));
  if (application_id && !application_id->empty()) input.application_id = *application_id;

  if (!input.change_password_id.empty()) {
    LATCHKEY_TRY(const auto changed, services.change_password.change_by_id(input));
    json::object answer;
    if (changed.one_time_password) answer["oneTimePassword"] = *changed.one_time_password;
    auto response = http::Response::json(HttpStatus::kOk, answer);
    response.set_header("Cache-Control", "no-store");
    return response;
  }
  // Without a changePasswordId the request names a user by loginId, which only an API key may
  // do (FusionAuth: "This usage requires an API key").
  LATCHKEY_TRY(const auto changed, services.change_password.change_by_login_id(caller, input));
  (void)changed;
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
