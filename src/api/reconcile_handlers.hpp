#pragma once
// POST /api/jwt/reconcile (seed "Reconcile a JWT Using the External JWT Provider").

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> reconcile_jwt(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);

}  // namespace latchkey::api
