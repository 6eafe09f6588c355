#include "api/change_password_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

// A string member of the body; absent or null is empty, another type is a 400.
Result<std::optional<std::string>> optional_string(const json::object& body, const char* name) {
  const auto* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                             "The [" + field + "] must be a string."));
  }
  return std::optional<std::string>(std::string(value->as_string()));
}

}  // namespace

Result<http::Response> change_password(http::Request& request, ApiServices& services) {
  LATCHKEY_TRY(const auto body, json_body(request));
  services::ChangePasswordRequest input;
  LATCHKEY_TRY(const auto id, optional_string(body, "changePasswordId"));
  LATCHKEY_TRY(const auto login_id, optional_string(body, "loginId"));
  LATCHKEY_TRY(const auto current, optional_string(body, "currentPassword"));
  LATCHKEY_TRY(const auto password, optional_string(body, "password"));
  LATCHKEY_TRY(const auto application_id, optional_string(body, "applicationId"));
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
  LATCHKEY_TRY(const auto caller, services.authenticator.authenticate(credentials(request)));
  LATCHKEY_TRY(const auto changed, services.change_password.change_by_login_id(caller, input));
  (void)changed;
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
