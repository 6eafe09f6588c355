#pragma once
// What every login-family endpoint (/api/login, /api/two-factor/login, /api/jwt/reconcile)
// reads the same way and answers the same way: the client's address and device, and the
// LoginResponse with its access_token / refresh_token cookies.

#include <optional>
#include <string>

#include "api/api_services.hpp"
#include "core/json.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

// The address a login is recorded from: the body's ipAddress (spec: Login API ipAddress),
// else the client (the socket's peer, or the client a trusted proxy forwarded for).
std::optional<std::string> login_address(const json::object& body, const http::Request& request);

// metaData.device of a login request, or an empty object.
json::object device_of(const json::object& body);

// The outcome's status and body (with the user), cookies when tokens were issued, no-store.
http::Response render_login(const services::LoginOutcome& outcome, const http::Request& request,
                            ApiServices& services);

}  // namespace latchkey::api
