#pragma once
// /api/group (create, retrieve, list, update, patch, delete, search) and /api/group/member
// (add, replace, remove, search).

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> retrieve_groups(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
Result<http::Response> retrieve_group(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> update_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> patch_group(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
Result<http::Response> delete_group(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> search_groups(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> add_group_members(http::Request& request, ApiServices& services,
                                         const services::Caller& caller);
Result<http::Response> replace_group_members(http::Request& request, ApiServices& services,
                                             const services::Caller& caller);
Result<http::Response> delete_group_member(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> delete_group_members(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);
Result<http::Response> search_group_members(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);

}  // namespace latchkey::api
