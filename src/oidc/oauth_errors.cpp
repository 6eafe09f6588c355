#include "oidc/oauth_errors.hpp"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "services/common/oauth_rules.hpp"

namespace latchkey::oidc {
namespace {

// RFC 6749 §5.1: OAuth answers are never cached.
http::Response no_store(http::Response response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  return response;
}

}  // namespace

http::Response render_oauth_error(const Error& error) {
  json::object body;
  if (const auto& oauth = error.oauth_error()) {
    body["error"] = oauth->error;
    body["error_description"] = oauth->description;
    body["error_reason"] = oauth->reason;
    for (const auto& [name, value] : oauth->members) body[name] = value;
  } else {
    body["error"] =
        error.http_status() == HttpStatus::kUnauthorized ? "invalid_client" : "invalid_request";
    body["error_description"] = "The request was refused.";
    body["error_reason"] = "unknown";
  }
  auto response = no_store(http::Response::json(error.http_status(), body));
  if (const auto& delay = error.retry_after()) {
    response.set_header("Retry-After", std::to_string(delay->count()));
  }
  if (error.http_status() == HttpStatus::kUnauthorized) {
    const auto& oauth = error.oauth_error();
    if (oauth && oauth->error == "invalid_token") {
      response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    } else {
      response.set_header("WWW-Authenticate", "Basic realm=\"latchkey\"");
    }
  }
  return response;
}

http::Response oauth_error_redirect(std::string_view redirect_uri, const Error& error,
                                    const std::optional<std::string>& state,
                                    const std::string& issuer) {
  std::vector<std::pair<std::string, std::string>> query;
  if (const auto& oauth = error.oauth_error()) {
    query.emplace_back("error", oauth->error);
    query.emplace_back("error_description", oauth->description);
    query.emplace_back("error_reason", oauth->reason);
  }
  if (state) query.emplace_back("state", *state);
  if (!issuer.empty()) query.emplace_back("iss", issuer);
  auto response = http::Response::redirect(services::oauth::append_query(redirect_uri, query));
  response.set_header("Cache-Control", "no-store");
  return response;
}

void log_refusal(const http::Request& request, HttpStatus status, std::string_view detail) {
  if (detail.empty()) return;
  spdlog::info("request {} answered {}: {}", request.request_id, to_int(status), detail);
}

void log_refusal(const http::Request& request, const Error& error) {
  log_refusal(request, error.http_status(), error.log_detail());
}

}  // namespace latchkey::oidc
