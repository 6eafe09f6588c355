#pragma once
// /api/application, /api/application/{id}/role and /api/application/{id}/scope.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> retrieve_applications(http::Request& request, ApiServices& services,
                                             const services::Caller& caller);
Result<http::Response> retrieve_application(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);
Result<http::Response> update_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> patch_application(http::Request& request, ApiServices& services,
                                         const services::Caller& caller);
Result<http::Response> delete_application(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> create_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
Result<http::Response> update_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
Result<http::Response> patch_application_role(http::Request& request, ApiServices& services,
                                              const services::Caller& caller);
Result<http::Response> delete_application_role(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
Result<http::Response> create_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);
Result<http::Response> retrieve_application_scope(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller);
Result<http::Response> update_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);
Result<http::Response> patch_application_scope(http::Request& request, ApiServices& services,
                                               const services::Caller& caller);
Result<http::Response> delete_application_scope(http::Request& request, ApiServices& services,
                                                const services::Caller& caller);

}  // namespace latchkey::api
