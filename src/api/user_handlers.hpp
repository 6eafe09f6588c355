#pragma once
// /api/user: create, retrieve (by id, email, username, loginId), update, patch, delete.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
Result<http::Response> search_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
Result<http::Response> retrieve_user(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> update_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
Result<http::Response> patch_user(http::Request& request, ApiServices& services,
                                  const services::Caller& caller);
Result<http::Response> delete_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);

}  // namespace latchkey::api
