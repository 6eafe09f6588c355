#include "api/login_response.hpp"

#include "api/cookies.hpp"
#include "api/views.hpp"

namespace latchkey::api {

std::optional<std::string> login_address(const json::object& body, const http::Request& request) {
  if (auto given = json::get_string(body, "ipAddress"); given && !given->empty()) {
    return given;
  }
  // Security: X-Forwarded-For is not read here; client_ip already is the forwarded client
  // when, and only when, a trusted proxy sent it (http/forwarded.hpp).
  return request.client_ip;
}

json::object device_of(const json::object& body) {
  const auto* device = json::get_object(body, "metaData.device");
  return device ? *device : json::object();
}

http::Response render_login(const services::LoginOutcome& outcome, const http::Request& request,
                            ApiServices& services) {
  json::object body = outcome.body;
  if (outcome.user) body["user"] = user_view(*outcome.user);
  auto response = http::Response::json(outcome.status, body);
  if (outcome.access_token) {
    set_token_cookies(
        response, request, outcome.access_token->token, outcome.access_token->expires,
        outcome.refresh_token ? std::optional(outcome.refresh_token->value) : std::nullopt,
        outcome.refresh_token_expires, services.clock.now());
  }
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace latchkey::api
