#include "api/registration_handlers.hpp"

#include "api/request_input.hpp"
#include "api/views.hpp"

namespace latchkey::api {
namespace {

http::Response outcome_response(const services::RegistrationOutcome& outcome) {
  return http::Response::json(
      HttpStatus::kOk, json::object{{"registration", registration_view(outcome.registration)},
                                    {"user", user_view(outcome.user)}});
}

Result<http::Response> write_registration(http::Request& request, ApiServices& services,
                                          const services::Caller& caller, bool merge) {
  LATCHKEY_TRY(const auto user_id, path_id(request, "userId"));
  LATCHKEY_TRY(const auto application_id, optional_path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kRegistrationRequest));
  LATCHKEY_TRY(auto registration, envelope(body.json(), "registration"));
  LATCHKEY_TRY(const auto outcome, services.registrations.update(caller, user_id, application_id,
                                                                 std::move(registration), merge));
  return outcome_response(outcome);
}

}  // namespace

Result<http::Response> create_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto user_id, optional_path_id(request, "userId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kRegistrationRequest));
  LATCHKEY_TRY(auto registration, envelope(body.json(), "registration"));
  services::RegistrationRequest input{user_id, std::move(registration), std::nullopt,
                                      body.boolean("skipRegistrationVerification").value_or(false)};
  if (const auto* user = body.object("user")) input.user = *user;
  LATCHKEY_TRY(const auto outcome, services.registrations.create(caller, std::move(input)));
  return outcome_response(outcome);
}

Result<http::Response> retrieve_registration(http::Request& request, ApiServices& services,
                                             const services::Caller& caller) {
  LATCHKEY_TRY(const auto user_id, path_id(request, "userId"));
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_TRY(const auto registration,
               services.registrations.retrieve(caller, user_id, application_id));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"registration", registration_view(registration)}});
}

Result<http::Response> update_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  return write_registration(request, services, caller, false);
}

Result<http::Response> patch_registration(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(const auto style, patch_style(request));
  (void)style;  // registrations merge their own way; the type was still checked
  return write_registration(request, services, caller, true);
}

Result<http::Response> delete_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller) {
  LATCHKEY_TRY(const auto user_id, path_id(request, "userId"));
  LATCHKEY_TRY(const auto application_id, path_id(request, "applicationId"));
  LATCHKEY_CHECK(services.registrations.remove(caller, user_id, application_id));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
