#pragma once
// /api/reactor: FusionAuth's licence activation, accepted and not stored
// (services/tenancy/reactor_license.hpp says why).

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> activate_reactor(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);
Result<http::Response> deactivate_reactor(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);

}  // namespace latchkey::api
