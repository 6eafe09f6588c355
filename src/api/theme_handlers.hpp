#pragma once
// /api/theme: the Theme API (services/themes/theme_service.hpp), FusionAuth's shapes.

#include "api/api_services.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> retrieve_themes(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
Result<http::Response> retrieve_theme(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> update_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> patch_theme(http::Request& request, ApiServices& services,
                                   const services::Caller& caller);
Result<http::Response> delete_theme(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
// POST /api/theme/search ({"search": {...}}) and GET /api/theme/search?name=...
Result<http::Response> search_themes(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);

}  // namespace latchkey::api
