#pragma once
// The system configuration's corsConfiguration at the HTTP edge: reads Origin and the
// preflight headers, asks services::decide_cors (services/system/cors_policy.hpp) and answers
// what it says: a preflight is 200 with the CORS headers, a refusal is 403 (the endpoint never
// runs), and an allowed request gets the headers added to whatever the endpoint answered. The
// policy comes from the configuration's in-memory snapshot, never from the database.
//
//   const api::CorsFilter cors(system_configuration);
//   router.filter_with(&cors);

#include "http/router.hpp"
#include "services/system/system_configuration_service.hpp"

namespace latchkey::api {

class CorsFilter final : public http::RequestFilter {
 public:
  explicit CorsFilter(const services::SystemConfigurationService& system) : system_(system) {}

  [[nodiscard]] std::optional<http::Response> before(const http::Request& request) const override;
  void after(const http::Request& request, http::Response& response) const override;

 private:
  const services::SystemConfigurationService& system_;
};

// What the CORS rule needs to know of a request: its method, path, Origin, preflight headers
// and the origins the server itself is reached at (its base URL, and the Host it was sent to).
services::CorsRequest cors_request(const http::Request& request);

}  // namespace latchkey::api
