#pragma once
// POST /api/user/change-password[/{changePasswordId}] (FusionAuth's Change Password API).
//
//   router.add("POST", "/api/user/change-password", api(s, api::change_password));

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

// The changePasswordId form (body or path; the body's wins, as FusionAuth documents) is
// anonymous and answers {oneTimePassword}; the loginId form needs an API key and answers an
// empty 200.
Result<http::Response> change_password(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);

}  // namespace latchkey::api
