#pragma once
// POST /api/login and POST /api/two-factor/login.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> login(http::Request& request, ApiServices& services,
                             const services::Caller& caller);
Result<http::Response> two_factor_login(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);

}  // namespace latchkey::api
