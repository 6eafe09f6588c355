#include "api/route_auth.hpp"

#include "api/request_input.hpp"
#include "http/authorization.hpp"

namespace latchkey::api {
namespace {

// An API key is the Authorization header's whole value (spec/conventions.md §2).
services::ApiCredentials api_key_credentials(const http::Request& request) {
  const auto header = http::authorization(request);
  return {header ? std::optional(header->raw) : std::nullopt,
          request.header("X-FusionAuth-TenantId"), request.method, request.path,
          request.route_template};
}

Error no_api_key() { return Error::status(HttpStatus::kUnauthorized, "no API key"); }

Error no_access_token() { return Error::status(HttpStatus::kUnauthorized, "no access token"); }

Result<services::Caller> api_key_or_change_password_id(const http::Request& request,
                                                       const Authenticators& authenticators) {
  if (request.path_params.contains("changePasswordId")) return services::Caller{};
  // A body that cannot be read is the handler's 400, as it was before any key was looked at.
  const auto body = typed_body(request, services::kChangePasswordRequest);
  if (!body) return services::Caller{};
  if (const auto id = body->string("changePasswordId"); id && !id->empty()) {
    return services::Caller{};
  }
  return authenticators.api_keys.authenticate(api_key_credentials(request));
}

Result<JwtOrApiKeyCaller> jwt_or_api_key(const http::Request& request,
                                         const Authenticators& authenticators) {
  const auto raw_header = request.header("Authorization");
  const auto jwt = http::access_token(request);
  // Security: an API key wins when both are sent (conventions §4); any header that is not a
  // Bearer/JWT scheme is read as a key, even an empty one.
  if ((raw_header && !http::jwt_scheme(http::authorization(request))) || !jwt) {
    LATCHKEY_TRY(auto caller, authenticators.api_keys.authenticate(api_key_credentials(request)));
    return JwtOrApiKeyCaller{std::move(caller), std::nullopt};
  }
  // A valid access token of an existing, active user (TokenService::authenticate).
  LATCHKEY_TRY(const auto presented, authenticators.tokens.authenticate(*jwt));
  LATCHKEY_TRY(auto caller, authenticators.api_keys.authenticate_optional(
                                {std::nullopt, request.header("X-FusionAuth-TenantId"),
                                 request.method, request.path}));
  return JwtOrApiKeyCaller{std::move(caller), presented.user.id};
}

Result<Established> established(Auth kind, const http::Request& request,
                                const Authenticators& authenticators) {
  switch (kind) {
    case Auth::kAnonymous:
    case Auth::kClientCredentials:
    case Auth::kOAuthBearer:
      return Established{};
    case Auth::kOptionalApiKey: {
      LATCHKEY_TRY(auto caller,
                   authenticators.api_keys.authenticate_optional(api_key_credentials(request)));
      return Established{std::move(caller)};
    }
    case Auth::kApiKey: {
      LATCHKEY_TRY(auto caller, authenticators.api_keys.authenticate(api_key_credentials(request)));
      return Established{std::move(caller)};
    }
    case Auth::kApiKeyOrChangePasswordId: {
      LATCHKEY_TRY(auto caller, api_key_or_change_password_id(request, authenticators));
      return Established{std::move(caller)};
    }
    case Auth::kJwt: {
      const auto token = http::access_token(request);
      if (!token) return fail(no_access_token());
      LATCHKEY_TRY(auto claims, authenticators.tokens.validate(*token));
      return Established{ValidJwt{std::move(claims)}};
    }
    case Auth::kJwtUser: {
      const auto token = http::access_token(request);
      if (!token) return fail(no_access_token());
      LATCHKEY_TRY(auto presented, authenticators.tokens.authenticate(*token));
      return Established{std::move(presented)};
    }
    case Auth::kJwtOrApiKey: {
      LATCHKEY_TRY(auto caller, jwt_or_api_key(request, authenticators));
      return Established{std::move(caller)};
    }
  }
  // Security: a kind added without a rule here refuses rather than letting anyone in.
  return fail(Error::status(HttpStatus::kUnauthorized, "route declares no known Auth kind"));
}

}  // namespace

std::string_view to_string(Auth kind) {
  switch (kind) {
    case Auth::kAnonymous:
      return "Anonymous";
    case Auth::kOptionalApiKey:
      return "OptionalApiKey";
    case Auth::kApiKey:
      return "ApiKey";
    case Auth::kApiKeyOrChangePasswordId:
      return "ApiKeyOrChangePasswordId";
    case Auth::kJwt:
      return "Jwt";
    case Auth::kJwtUser:
      return "JwtUser";
    case Auth::kJwtOrApiKey:
      return "JwtOrApiKey";
    case Auth::kClientCredentials:
      return "ClientCredentials";
    case Auth::kOAuthBearer:
      return "OAuthBearer";
  }
  return "?";
}

Error api_key_required() { return no_api_key(); }

bool checked_before_handler(Auth kind) {
  return kind != Auth::kAnonymous && kind != Auth::kClientCredentials && kind != Auth::kOAuthBearer;
}

Result<Established> authenticate(Auth kind, const http::Request& request,
                                 const Authenticators& authenticators, InputCheck read_first) {
  auto result = established(kind, request, authenticators);
  if (!result && read_first != nullptr) {
    if (auto input = read_first(request); !input) return fail(std::move(input).error());
  }
  return result;
}

namespace read_first {

Status login_body(const http::Request& request) {
  LATCHKEY_CHECK(typed_body(request, services::kLoginRequest));
  return {};
}

Status two_factor_login_body(const http::Request& request) {
  LATCHKEY_CHECK(typed_body(request, services::kTwoFactorLoginRequest));
  return {};
}

Status identity_provider_login_body(const http::Request& request) {
  LATCHKEY_CHECK(typed_body(request, services::kIdentityProviderLoginRequest));
  return {};
}

Status patch_content_type(const http::Request& request) {
  LATCHKEY_CHECK(patch_style(request));
  return {};
}

}  // namespace read_first

}  // namespace latchkey::api
