#pragma once
// /api/tenant: create, retrieve, list, update, patch, delete.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> retrieve_tenants(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);
Result<http::Response> retrieve_tenant(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
Result<http::Response> update_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> patch_tenant(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> delete_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);

}  // namespace latchkey::api
