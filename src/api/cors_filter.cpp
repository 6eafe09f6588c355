#include "api/cors_filter.hpp"

#include <spdlog/spdlog.h>

namespace latchkey::api {
namespace {

void add_headers(http::Response& response, const services::CorsDecision& decision) {
  for (const auto& [name, value] : decision.headers) {
    if (http::iequals(name, "Vary")) {
      response.add_header(name, value);  // the endpoint may vary on more than Origin
    } else {
      response.set_header(name, value);
    }
  }
}

// "https://id.example.com/prefix" -> "https://id.example.com".
std::string origin_of(std::string_view base_url) {
  const auto scheme_end = base_url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(base_url);
  const auto path = base_url.find('/', scheme_end + 3);
  return std::string(base_url.substr(0, path));
}

}  // namespace

services::CorsRequest cors_request(const http::Request& request) {
  services::CorsRequest facts{.method = request.method,
                              .path = request.path,
                              .origin = request.header("Origin"),
                              .request_method = request.header("Access-Control-Request-Method"),
                              .request_headers = request.header("Access-Control-Request-Headers"),
                              .own_origins = {},
                              .fetch_site = request.header("Sec-Fetch-Site"),
                              .fetch_mode = request.header("Sec-Fetch-Mode")};
  // A page of this server posting its own form sends an Origin; that is not CORS. The Host a
  // browser sent the request to is where the page came from, whatever the public URL says.
  if (!request.base_url.empty()) {
    if (auto own = services::normalize_origin(origin_of(request.base_url))) {
      facts.own_origins.push_back(std::move(*own));
    }
  }
  if (const auto host = request.header("Host")) {
    const std::string scheme = request.secure ? "https://" : "http://";
    if (auto own = services::normalize_origin(scheme + std::string(*host))) {
      facts.own_origins.push_back(std::move(*own));
    }
  }
  return facts;
}

std::optional<http::Response> CorsFilter::before(const http::Request& request) const {
  const auto snapshot = system_.current();
  if (!snapshot->cors.enabled) return std::nullopt;
  const auto decision = services::decide_cors(snapshot->cors, cors_request(request));
  if (decision.outcome == services::CorsOutcome::kRefused) {
    // FusionAuth answers a refused CORS request 403 and, with debug on, logs why.
    if (snapshot->cors.debug) {
      spdlog::info("request {} {} {} refused by CORS: {}", request.request_id, request.method,
                   request.path, decision.reason);
    }
    return http::Response::empty(HttpStatus::kForbidden);
  }
  if (decision.outcome == services::CorsOutcome::kPreflight) {
    http::Response preflight = http::Response::empty(HttpStatus::kOk);
    add_headers(preflight, decision);
    return preflight;
  }
  return std::nullopt;
}

void CorsFilter::after(const http::Request& request, http::Response& response) const {
  const auto snapshot = system_.current();
  if (!snapshot->cors.enabled) return;
  const auto decision = services::decide_cors(snapshot->cors, cors_request(request));
  if (decision.outcome == services::CorsOutcome::kActual ||
      decision.outcome == services::CorsOutcome::kNotApplied) {
    add_headers(response, decision);
  }
}

}  // namespace latchkey::api
