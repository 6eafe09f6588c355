#include "api/system_configuration_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

http::Response configuration_response(json::object configuration) {
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"systemConfiguration", std::move(configuration)}});
}

}  // namespace

Result<http::Response> retrieve_system_configuration(http::Request&, ApiServices& services,
                                                     const services::Caller& caller) {
  LATCHKEY_TRY(auto configuration, services.system_configuration.retrieve(caller));
  return configuration_response(std::move(configuration));
}

Result<http::Response> update_system_configuration(http::Request& request, ApiServices& services,
                                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kSystemConfigurationRequest));
  LATCHKEY_TRY(auto configuration, envelope(body.json(), "systemConfiguration"));
  LATCHKEY_TRY(auto updated,
               services.system_configuration.update(caller, std::move(configuration)));
  return configuration_response(std::move(updated));
}

Result<http::Response> patch_system_configuration(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kSystemConfigurationRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "systemConfiguration"));
  LATCHKEY_TRY(auto updated, services.system_configuration.patch(caller, patch, style));
  return configuration_response(std::move(updated));
}

}  // namespace latchkey::api
