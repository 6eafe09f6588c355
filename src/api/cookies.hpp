#pragma once
// The access_token and refresh_token cookies FusionAuth writes (spec/conventions.md §9):
// HttpOnly, host-only, Path=/, SameSite=Lax, Secure when the request came over TLS; the access
// token as a session cookie, the refresh token persistent until it expires.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

void set_token_cookies(http::Response& response, const http::Request& request,
                       const std::string& access_token, Instant access_expires,
                       const std::optional<std::string>& refresh_token,
                       const std::optional<Instant>& refresh_expires, Instant now);

}  // namespace latchkey::api
