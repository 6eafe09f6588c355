#pragma once
// /api/key: Key Master.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> generate_key(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> import_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller);
Result<http::Response> retrieve_keys(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> retrieve_key(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> update_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller);
Result<http::Response> delete_key(http::Request& request, ApiServices& services,
                                  const services::Caller& caller);

}  // namespace latchkey::api
