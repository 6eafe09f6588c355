#pragma once
// The seed's JWT endpoints: validate, vend, issue, public keys, and the JWKS document.

#include "api/api_services.hpp"
#include "api/route_auth.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> validate_jwt(http::Request& request, ApiServices& services, ValidJwt jwt);
Result<http::Response> vend_jwt(http::Request& request, ApiServices& services,
                                const services::Caller& caller);
Result<http::Response> issue_jwt(http::Request& request, ApiServices& services,
                                 const services::AuthenticatedToken& presented);
Result<http::Response> retrieve_public_keys(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);
Result<http::Response> retrieve_jwks(http::Request& request, ApiServices& services);

}  // namespace latchkey::api
