#pragma once
// What every login-family endpoint (/api/login, /api/two-factor/login, /api/jwt/reconcile)
// reads the same way and answers the same way: the client's address and device, and the
// LoginResponse with its access_token / refresh_token cookies.

#include <optional>
#include <string>

#include "api/api_services.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

// The address a login is recorded from: the body's ipAddress (spec: Login API ipAddress),
// else the client (the socket's peer, or the client a trusted proxy forwarded for).
std::optional<std::string> login_address(const json::object& body, const http::Request& request);

// metaData.device of a login request, or an empty object.
json::object device_of(const json::object& body);

// The Login API's answer for each outcome (spec/users-registrations-login.md): 200/202/212/213
// with the tokens (and their cookies) and the user, 242 with the twoFactorId, 203 with the
// changePasswordId, 409 with the lockout; all no-store. A refused login is an Error, rendered
// and logged as every /api/* error is: 404 (unknown, wrong password, inactive), 410 expired,
// 400 application inactive, 421 wrong code, 429 with Retry-After.
Result<http::Response> render_login(const services::LoginOutcome& outcome,
                                    const http::Request& request, ApiServices& services);

// POST /api/jwt/reconcile: a login outcome as above, or 232 with the pendingIdPLinkId.
Result<http::Response> render_reconcile(const services::ReconcileOutcome& outcome,
                                        const http::Request& request, ApiServices& services);

}  // namespace latchkey::api
