#include "api/refresh_token_handlers.hpp"

#include "api/cookies.hpp"
#include "api/request_input.hpp"
#include "http/form.hpp"
#include "services/refresh/refresh_token_json.hpp"

namespace latchkey::api {
namespace {

// The address an event records, as the Login API records it: the client, which is the
// forwarded one only when a trusted proxy said so (http/forwarded.hpp).
services::EventInfo event_info(const http::Request& request) {
  services::EventInfo info;
  if (!request.client_ip.empty()) info.ip_address = request.client_ip;
  if (const auto agent = request.header("User-Agent")) info.user_agent = std::string(*agent);
  return info;
}

// A cookie-only refresh may come with no body at all.
Result<json::object> optional_json_body(const http::Request& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  return json_body(request);
}

Result<services::RefreshExchangeRequest> parse_refresh(const http::Request& request) {
  LATCHKEY_TRY(auto json, optional_json_body(request));
  LATCHKEY_TRY(const auto body,
               services::RequestFields::read(std::move(json), services::kRefreshRequest));
  auto refresh_token = body.string("refreshToken");
  auto previous = body.string("token");
  // Seed: "If both are provided, the cookie will take precedence." FusionAuth lets the
  // access_token cookie win over the body's token the same way.
  if (auto cookie = request.cookie("refresh_token"); cookie && !cookie->empty()) {
    refresh_token = std::move(cookie);
  }
  if (auto cookie = request.cookie("access_token"); cookie && !cookie->empty()) {
    previous = std::move(cookie);
  }
  if (previous && previous->empty()) previous.reset();
  services::RefreshExchangeRequest parsed{refresh_token.value_or(""), std::move(previous),
                                          body.integer("timeToLiveInSeconds"), event_info(request)};
  return parsed;
}

// FusionAuth's clients send parameters the caller left out as the text "null" or "undefined"
// (the TypeScript client's revokeRefreshToken(token) sends userId=undefined): both mean absent.
bool absent(const std::optional<std::string>& text) {
  return !text || text->empty() || *text == "null" || *text == "undefined";
}

Result<std::optional<Uuid>> uuid_param(const std::optional<std::string>& text,
                                       const std::string& name) {
  if (absent(text)) return std::optional<Uuid>();
  auto id = Uuid::parse(*text);
  if (!id) {
    return fail(Error::field(HttpStatus::kBadRequest, name, "[couldNotConvert]" + name,
                             "Invalid value for [" + name + "]. It must be a valid UUID."));
  }
  return std::optional<Uuid>(*id);
}

// Selectors may come in the query, a form body (which keeps the token out of access logs,
// seed) or a JSON body (the client's revokeRefreshTokensWithRequest).
Result<services::RevokeSelector> parse_selector(const http::Request& request) {
  auto token = request.query_param("token");
  auto user_id = request.query_param("userId");
  auto application_id = request.query_param("applicationId");
  const auto type = request.content_type();
  if (type == "application/x-www-form-urlencoded") {
    const auto form = http::Form::parse(request.body);
    if (!form) {
      return fail(Error::general(HttpStatus::kBadRequest, "[invalid]",
                                 "The form body is not valid application/x-www-form-urlencoded."));
    }
    if (!token) token = form->get("token");
    if (!user_id) user_id = form->get("userId");
    if (!application_id) application_id = form->get("applicationId");
  } else if (type == "application/json" && !request.body.empty()) {
    LATCHKEY_TRY(const auto body, typed_body(request, services::kRefreshTokenRevokeRequest));
    if (!token) token = body.string("token");
    const auto body_user = body.uuid("userId");
    if (!user_id && body_user) user_id = body_user->str();
    const auto body_application = body.uuid("applicationId");
    if (!application_id && body_application) application_id = body_application->str();
  }
  services::RevokeSelector selector;
  LATCHKEY_TRY(selector.token_id, optional_path_id(request, "tokenId"));
  if (!absent(token)) selector.token = std::move(token);
  LATCHKEY_TRY(selector.user_id, uuid_param(user_id, "userId"));
  LATCHKEY_TRY(selector.application_id, uuid_param(application_id, "applicationId"));
  return selector;
}

}  // namespace

Result<http::Response> refresh_jwt(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto input, parse_refresh(request));
  LATCHKEY_TRY(const auto exchanged, services.refresh_tokens.exchange(caller, input));
  auto response = http::Response::json(HttpStatus::kOk,
                                       json::object{{"refreshToken", exchanged.refresh_token},
                                                    {"refreshTokenId", exchanged.record.id.str()},
                                                    {"token", exchanged.access_token.token}});
  set_token_cookies(response, request, exchanged.access_token.token, exchanged.access_token.expires,
                    exchanged.refresh_token, exchanged.refresh_expires, services.clock.now());
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<http::Response> retrieve_refresh_tokens(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  LATCHKEY_TRY(const auto token_id, optional_path_id(request, "tokenId"));
  json::object body;
  if (token_id) {
    LATCHKEY_TRY(const auto view, services.refresh_tokens.retrieve(caller, *token_id));
    body["refreshToken"] = services::refresh_token_json(view.record, view.value);
  } else {
    LATCHKEY_TRY(const auto user_id, uuid_param(request.query_param("userId"), "userId"));
    if (!user_id) {
      return fail(Error::field(HttpStatus::kBadRequest, "userId", "[missing]userId",
                               "You must specify the [userId] or a refresh token Id."));
    }
    LATCHKEY_TRY(const auto views, services.refresh_tokens.retrieve_for_user(caller, *user_id));
    json::array tokens;
    for (const auto& view : views) {
      tokens.push_back(services::refresh_token_json(view.record, view.value));
    }
    body["refreshTokens"] = std::move(tokens);
  }
  auto response = http::Response::json(HttpStatus::kOk, body);
  response.set_header("Cache-Control", "no-store");  // Security: the bodies carry token values
  return response;
}

// Who is revoking (the route's kJwtOrApiKey): an API key, else a user's JWT whose `sub` must own
// the tokens.
Result<http::Response> revoke_refresh_tokens(http::Request& request, ApiServices& services,
                                             const JwtOrApiKeyCaller& revoker) {
  LATCHKEY_TRY(const auto selector, parse_selector(request));
  LATCHKEY_CHECK(services.refresh_tokens.revoke(revoker.caller, revoker.jwt_owner, selector,
                                                event_info(request)));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
