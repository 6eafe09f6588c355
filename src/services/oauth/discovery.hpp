#pragma once
// GET /.well-known/openid-configuration and /{tenantId}/.well-known/openid-configuration
// (OpenID Connect Discovery 1.0): the tenant's issuer and every endpoint under `base_url`.
//
//   LATCHKEY_TRY(const auto body, discovery.discovery(tenant_id, base_url));

#include <optional>
#include <string>

#include "core/result.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

class Discovery {
 public:
  explicit Discovery(const ConfigCache& config) : config_(config) {}

  // `tenant_id` absent means the default tenant.
  Result<json::object> discovery(const std::optional<std::string>& tenant_id,
                                 const std::string& base_url) const;

 private:
  const ConfigCache& config_;
};

}  // namespace latchkey::services
