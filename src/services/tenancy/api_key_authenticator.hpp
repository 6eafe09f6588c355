#pragma once
// API key authentication (spec/conventions.md §2): the Authorization header carries the key
// itself; an unknown, expired or under-privileged key gets 401 with an empty body.
//
//   LATCHKEY_TRY(const Caller caller,
//                auth.authenticate({header, tenant, "GET", "/api/user/42", "/api/user/{userId}"}));

#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

struct ApiCredentials {
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> tenant_header;
  std::string_view method;
  std::string_view path;
  std::string_view route_template = {};  // http::Request::route_template; names the endpoint
};

class ApiKeyAuthenticator {
 public:
  ApiKeyAuthenticator(const ConfigCache& config, const Clock& clock)
      : config_(config), clock_(clock) {}

  // A valid key with permission for method + path is required.
  [[nodiscard]] Result<Caller> authenticate(const ApiCredentials& credentials) const;
  // For endpoints where the key is optional: no header gives an anonymous caller, but a key
  // that is sent must still be valid.
  [[nodiscard]] Result<Caller> authenticate_optional(const ApiCredentials& credentials) const;

 private:
  [[nodiscard]] Result<std::optional<Uuid>> parse_tenant_header(
      std::optional<std::string_view> header) const;

  const ConfigCache& config_;
  const Clock& clock_;
};

}  // namespace latchkey::services
