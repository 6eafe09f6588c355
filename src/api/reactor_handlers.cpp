#include "api/reactor_handlers.hpp"

#include "api/request_input.hpp"
#include "services/tenancy/reactor_license.hpp"

namespace latchkey::api {

Result<http::Response> activate_reactor(http::Request& request, ApiServices& /*services*/,
                                        const services::Caller& /*caller*/) {
  LATCHKEY_TRY(const auto body, json_body(request));
  LATCHKEY_CHECK(services::check_license_activation(body));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> deactivate_reactor(http::Request& /*request*/, ApiServices& /*services*/,
                                          const services::Caller& /*caller*/) {
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
