#pragma once
// The System Configuration API (apis/system.mdx): GET, PUT and PATCH /api/system-configuration.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "services/common/caller.hpp"

namespace latchkey::api {

Result<http::Response> retrieve_system_configuration(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller);
Result<http::Response> update_system_configuration(http::Request& request, ApiServices& services,
                                                   const services::Caller& caller);
Result<http::Response> patch_system_configuration(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller);

}  // namespace latchkey::api
