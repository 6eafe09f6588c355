#pragma once
// /api/user/registration: register an existing user, the combined user + registration create,
// retrieve, update, patch, delete.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> retrieve_registration(http::Request& request, ApiServices& services,
                                             const services::Caller& caller);
Result<http::Response> update_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> patch_registration(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> delete_registration(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);

}  // namespace latchkey::api
