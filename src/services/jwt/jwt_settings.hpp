#pragma once
// The JWT and refresh-token settings in force for a tenant and (optionally) an application:
// the application's jwtConfiguration when it is enabled, the tenant's otherwise
// (spec/tenants-applications.md).

#include <chrono>
#include <optional>
#include <string>

#include "domain/records.hpp"

namespace latchkey::services {

enum class RefreshExpiration { kFixed, kSlidingWindow, kSlidingWindowWithMaximumLifetime };
enum class RefreshUsage { kReusable, kOneTimeUse };

struct JwtSettings {
  std::chrono::seconds access_token_ttl{3600};
  std::chrono::minutes refresh_token_ttl{43200};
  RefreshExpiration expiration = RefreshExpiration::kFixed;
  std::chrono::minutes maximum_lifetime{43200};
  RefreshUsage usage = RefreshUsage::kReusable;
  std::chrono::seconds grace_period{0};
  bool revoke_on_password_change = true;
  bool revoke_on_login_prevented = true;
  bool revoke_on_one_time_token_reuse = true;
  std::optional<Uuid> access_token_key_id;
  std::optional<Uuid> id_token_key_id;
};

JwtSettings jwt_settings(const domain::Tenant& tenant, const domain::Application* application);

std::string_view to_string(RefreshExpiration expiration);

}  // namespace latchkey::services
