#pragma once
// /api/identity-provider: create, retrieve (one, all, by type), update, patch, delete, lookup.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);
Result<http::Response> retrieve_identity_providers(http::Request& request, ApiServices& services,
                                                   const services::Caller& caller);
Result<http::Response> retrieve_identity_provider(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller);
Result<http::Response> update_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);
Result<http::Response> patch_identity_provider(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
Result<http::Response> delete_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);
Result<http::Response> lookup_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);

}  // namespace latchkey::api
