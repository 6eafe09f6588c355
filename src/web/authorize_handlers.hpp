#pragma once
// GET/POST /oauth2/authorize (the hosted login page) and GET /oauth2/logout.
//
//   router.add("GET", "/oauth2/authorize", [&oauth](http::Request& r) {
//     return web::authorize_form(r, oauth); });

#include "http/request.hpp"
#include "http/response.hpp"
#include "services/oauth/oauth_endpoints.hpp"

namespace latchkey::web {

inline constexpr std::string_view kSessionCookie = "lk_sso";
inline constexpr std::string_view kCsrfCookie = "lk_csrf";
inline constexpr std::string_view kTwoFactorCookie = "lk_2fa";

http::Response authorize_form(const http::Request& request, const services::OAuthEndpoints& oauth);
http::Response authorize_submit(const http::Request& request,
                                const services::OAuthEndpoints& oauth);
// GET/POST /oauth2/two-factor: the TOTP step of a hosted login (seed §2.4: the 302 target).
http::Response two_factor_form(const http::Request& request, const services::OAuthEndpoints& oauth);
http::Response two_factor_submit(const http::Request& request,
                                 const services::OAuthEndpoints& oauth);
http::Response logout(const http::Request& request, const services::OAuthEndpoints& oauth);

}  // namespace latchkey::web
