#include "api/jwt_handlers.hpp"

#include "api/cookies.hpp"
#include "api/request_input.hpp"
#include "services/keys/key_visibility.hpp"

namespace latchkey::api {

Result<http::Response> validate_jwt(http::Request&, ApiServices&, ValidJwt jwt) {
  return http::Response::json(HttpStatus::kOk, json::object{{"jwt", std::move(jwt.claims)}});
}

Result<http::Response> vend_jwt(http::Request& request, ApiServices& services,
                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kVendRequest));
  const auto* given = body.object("claims");
  json::object claims = given != nullptr ? *given : json::object();
  const auto key_id = body.uuid("keyId");
  // A tenant-locked key vends only with its tenant's keys, for its tenant's users.
  LATCHKEY_CHECK(services.keys.scope_vend(services::key_scope(caller), claims,
                                          key_id ? std::optional(key_id->str()) : std::nullopt));
  LATCHKEY_TRY(const auto tenant, services.tenants.for_vend(caller));
  LATCHKEY_TRY(const auto issued,
               services.tokens.vend(tenant, std::move(claims),
                                    key_id ? std::optional(key_id->str()) : std::nullopt,
                                    body.integer("timeToLiveInSeconds")));
  return http::Response::json(HttpStatus::kOk, json::object{{"token", issued.token}});
}

Result<http::Response> issue_jwt(http::Request& request, ApiServices& services,
                                 const services::AuthenticatedToken& presented) {
  // The refresh_token cookie takes precedence over the parameter (seed).
  auto refresh_token = request.cookie("refresh_token");
  if (!refresh_token) refresh_token = request.query_param("refreshToken");
  LATCHKEY_TRY(
      const auto outcome,
      services.jwt_issue.issue(presented, request.query_param("applicationId"), refresh_token));
  json::object body{{"token", outcome.token.token}};
  if (outcome.refresh_token) body["refreshToken"] = outcome.refresh_token->value;
  auto response =
      http::Response::json(outcome.registered ? HttpStatus::kOk : HttpStatus::kAccepted, body);
  set_token_cookies(
      response, request, outcome.token.token, outcome.token.expires,
      outcome.refresh_token ? std::optional(outcome.refresh_token->value) : std::nullopt,
      outcome.refresh_token
          ? std::optional(services.refresh_tokens.expires_at(outcome.refresh_token->record))
          : std::nullopt,
      services.clock.now());
  return response;
}

// A key is optional here, but one that is sent must be valid (the route's kOptionalApiKey).
Result<http::Response> retrieve_public_keys(http::Request& request, ApiServices& services,
                                            const services::Caller&) {
  if (const auto application_id = request.query_param("applicationId")) {
    LATCHKEY_TRY(const auto pem, services.keys.public_key_for_application(*application_id));
    return http::Response::json(HttpStatus::kOk, json::object{{"publicKey", pem}});
  }
  if (const auto kid = request.query_param("kid")) {
    LATCHKEY_TRY(const auto pem, services.keys.public_key_by_kid(*kid));
    return http::Response::json(HttpStatus::kOk, json::object{{"publicKey", pem}});
  }
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"publicKeys", services.keys.public_keys()}});
}

Result<http::Response> retrieve_jwks(http::Request&, ApiServices& services) {
  http::Response response = http::Response::empty(HttpStatus::kOk);
  response.set_header("Content-Type", http::kJsonContentType);
  response.body = services.keys.jwks();
  return response;
}

}  // namespace latchkey::api
