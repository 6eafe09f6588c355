#pragma once
// The one OAuth error renderer, for /oauth2/* (oidc/) and the hosted pages (web/): the error
// JSON `{error, error_description, error_reason}` (RFC 6749 §5.2), the error redirect to a
// client's registered redirect URI (§4.1.2.1, RFC 9207), and the log line a refusal leaves.
//
//   log_refusal(request, error);
//   return render_oauth_error(error);

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::oidc {

// The OAuth error JSON with no-store caching; a 401 for a client that used Basic carries
// WWW-Authenticate (RFC 6749 §5.2), a throttled one Retry-After.
http::Response render_oauth_error(const Error& error);

// RFC 6749 §4.1.2.1: an error for a valid redirect URI goes back to it, with the state and
// (RFC 9207 §2) the issuer.
http::Response oauth_error_redirect(std::string_view redirect_uri, const Error& error,
                                    const std::optional<std::string>& state,
                                    const std::string& issuer);

// An error's log detail (never shown to the client), logged with the request id as /api/* does.
void log_refusal(const http::Request& request, const Error& error);
// The same for a detail that is not (yet) an Error: a hosted form's unexpected failure.
void log_refusal(const http::Request& request, HttpStatus status, std::string_view detail);

}  // namespace latchkey::oidc
