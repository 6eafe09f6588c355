#pragma once
// How a route authenticates its caller. Each line of the route tables (app/routes.cpp) declares
// one Auth kind; the dispatcher runs authenticate() for it before the handler, and hands the
// handler what it established. A refusal is answered without running the handler, so no
// handler authenticates itself (issue 11, item 6).
//
//   {"GET", "/api/user/{userId}", Auth::kApiKey, api::retrieve_user},
//   LATCHKEY_TRY(auto established, authenticate(Auth::kApiKey, request, authenticators, {}));
//   const auto& caller = std::get<services::Caller>(established);

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "services/common/caller.hpp"
#include "services/jwt/token_service.hpp"
#include "services/tenancy/api_key_authenticator.hpp"

namespace latchkey::api {

enum class Auth {
  // No credentials are read: status, JWKS, discovery, the hosted pages (whose forms carry
  // their own CSRF and flow ids), FusionAuth endpoints Latchkey does not serve.
  kAnonymous,
  // No Authorization header is an anonymous caller; a key that is sent must be valid and
  // permitted, and X-FusionAuth-TenantId must name a tenant (spec/conventions.md §2).
  kOptionalApiKey,
  // A valid, unexpired key permitted for this endpoint (Request::route_template), honouring
  // tenant locks: 401 with an empty body otherwise.
  kApiKey,
  // The Change Password API: a changePasswordId (in the path or the body) is its own
  // credential and nothing else is read; without one the request names a user by loginId,
  // which needs an API key ("This usage requires an API key").
  kApiKeyOrChangePasswordId,
  // A valid access token Latchkey signed (TokenService::validate), from `Authorization: Bearer`
  // (or `JWT`) or the access_token cookie: GET /api/jwt/validate.
  kJwt,
  // kJwt, and its subject an existing, active user (TokenService::authenticate):
  // GET /api/jwt/issue.
  kJwtUser,
  // An API key, unless the header carries a Bearer/JWT token or there is no header and an
  // access_token cookie: then a user's JWT (kJwtUser), which may act only on its own tokens
  // (DELETE /api/jwt/refresh, conventions §4).
  kJwtOrApiKey,
  // An OAuth client (RFC 6749 §2.3): Basic or client_id/client_secret in the form. The form is
  // part of the credential, so services/oauth/client_authenticator authenticates the client (for
  // the token endpoint, introspection and revocation alike) and OAuth errors are rendered by
  // oidc/oauth_errors; the dispatcher reads nothing.
  kClientCredentials,
  // An RFC 6750 bearer access token that services/oauth/userinfo checks itself, since its
  // refusal is an OAuth error with WWW-Authenticate; the dispatcher reads nothing.
  kOAuthBearer,
};

[[nodiscard]] std::string_view to_string(Auth kind);
// Whether the dispatcher itself refuses for this kind (every kind but the OAuth ones, whose
// credentials the OAuth classes read, and kAnonymous).
[[nodiscard]] bool checked_before_handler(Auth kind);

// What kJwt established.
struct ValidJwt {
  json::object claims;
};

// What kJwtOrApiKey established: the key's caller (anonymous for a JWT, with the validated
// tenant header), and for a JWT the user whose tokens alone it may act on.
struct JwtOrApiKeyCaller {
  services::Caller caller;
  std::optional<Uuid> jwt_owner;
};

// One alternative per kind family: nothing (kAnonymous and the OAuth kinds), a Caller (the
// API-key kinds), ValidJwt, AuthenticatedToken (kJwtUser), JwtOrApiKeyCaller.
using Established = std::variant<std::monostate, services::Caller, ValidJwt,
                                 services::AuthenticatedToken, JwtOrApiKeyCaller>;

struct Authenticators {
  const services::ApiKeyAuthenticator& api_keys;
  const services::TokenService& tokens;
};

// Checks the request's own input before its credentials, on the routes whose handlers did so
// before issue 11 (a malformed body answered 400 before a bad key's 401). Pure: run only when
// authentication fails, to choose which error answers.
using InputCheck = Status (*)(const http::Request&);

// Authenticates `request` as `kind` asks. When that fails and `read_first` finds the input
// invalid, its error answers instead.
[[nodiscard]] Result<Established> authenticate(Auth kind, const http::Request& request,
                                               const Authenticators& authenticators,
                                               InputCheck read_first);

// What the dispatcher runs for each request: authenticate, then `handler(Established)` only if
// that succeeded.
template <class Handler>
Result<http::Response> authenticated(Auth kind, InputCheck read_first, const http::Request& request,
                                     const Authenticators& authenticators, Handler&& handler) {
  LATCHKEY_TRY(auto established, authenticate(kind, request, authenticators, read_first));
  return std::forward<Handler>(handler)(std::move(established));
}

// The 401 an absent API key gets: for a handler whose rules require a key only sometimes
// (the Login API, when the application asks for one), on a kOptionalApiKey route.
[[nodiscard]] Error api_key_required();

// The input checks the route tables name (see InputCheck).
namespace read_first {
Status login_body(const http::Request& request);
Status two_factor_login_body(const http::Request& request);
Status identity_provider_login_body(const http::Request& request);
Status patch_content_type(const http::Request& request);
}  // namespace read_first

}  // namespace latchkey::api
