#pragma once
// The hosted change-password page: GET/POST /password/change/{changePasswordId}. A hosted
// login (or its two-factor step) that meets passwordChangeRequired sends the browser here with
// the pending OAuth request in the query; a successful change signs the user in and finishes
// that request with a code, as the login form would have.
//
//   router.add("GET", "/password/change/{changePasswordId}", ...change_password_form...);

#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "services/oauth/oauth_endpoints.hpp"
#include "services/users/change_password_service.hpp"

namespace latchkey::web {

inline constexpr std::string_view kChangePasswordPath = "/password/change";

// The 302 from a hosted login step to the change-password page, carrying the OAuth request.
http::Response change_password_redirect(const services::AuthorizeRequest& authorize,
                                        const std::string& change_password_id);

http::Response change_password_form(const http::Request& request,
                                    const services::OAuthEndpoints& oauth,
                                    services::ChangePasswordService& change_password);
http::Response change_password_submit(const http::Request& request,
                                      const services::OAuthEndpoints& oauth,
                                      services::ChangePasswordService& change_password);

}  // namespace latchkey::web
