#pragma once
// /api/api-key (key-manager keys only) and /api/status.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> retrieve_api_key(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);
Result<http::Response> update_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> patch_api_key(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> delete_api_key(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> status(http::Request& request, ApiServices& services);

}  // namespace latchkey::api
