#include "api/cookies.hpp"

#include <algorithm>

namespace latchkey::api {
namespace {

http::Cookie token_cookie(const http::Request& request, std::string name, std::string value,
                          std::optional<Instant> expires, Instant now) {
  http::Cookie cookie;
  cookie.name = std::move(name);
  cookie.value = std::move(value);
  cookie.path = "/";
  cookie.http_only = true;
  cookie.secure = request.secure;
  cookie.same_site = "Lax";
  if (expires) {
    cookie.max_age = std::max(std::chrono::seconds(0),
                              std::chrono::duration_cast<std::chrono::seconds>(*expires - now));
  }
  return cookie;
}

}  // namespace

void set_token_cookies(http::Response& response, const http::Request& request,
                       const std::string& access_token, Instant access_expires,
                       const std::optional<std::string>& refresh_token,
                       const std::optional<Instant>& refresh_expires, Instant now) {
  // FusionAuth writes the access token as a session cookie and the refresh token as a
  // persistent one that lives as long as the refresh token.
  (void)access_expires;
  response.set_cookie(token_cookie(request, "access_token", access_token, std::nullopt, now));
  if (refresh_token && refresh_expires) {
    response.set_cookie(
        token_cookie(request, "refresh_token", *refresh_token, *refresh_expires, now));
  }
}

}  // namespace latchkey::api
