#include "api/login_response.hpp"

#include "api/cookies.hpp"
#include "api/views.hpp"

namespace latchkey::api {

std::optional<std::string> login_address(const json::object& body, const http::Request& request) {
  if (const auto given = json::get_string(body, "ipAddress"); given && !given->empty()) {
    return given;
  }
  if (const auto forwarded = request.header("X-Forwarded-For")) {
    const auto first = forwarded->substr(0, forwarded->find(','));
    std::string trimmed(first);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    if (!trimmed.empty()) return trimmed;
  }
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
