#include "domain/jwt_settings.hpp"

#include <algorithm>
#include <cstdint>

#include "domain/time_to_live.hpp"

namespace latchkey::domain {
namespace {

// The longest one-time-use grace period FusionAuth allows: one day.
constexpr std::int64_t kMaxGracePeriod = 86400;

std::optional<std::int64_t> ttl(const json::object& jwt, std::string_view path) {
  const auto value = json::get_int(jwt, path);
  if (!value || *value <= 0) return std::nullopt;
  return std::min(*value, kMaxTimeToLive);
}

template <class T>
void overlay(const std::optional<T>& from, T& to) {
  if (from) to = *from;
}

void apply(const JwtConfiguration& block, JwtSettings& settings) {
  overlay(block.access_token_ttl, settings.access_token_ttl);
  overlay(block.refresh_token_ttl, settings.refresh_token_ttl);
  overlay(block.expiration, settings.expiration);
  overlay(block.maximum_lifetime, settings.maximum_lifetime);
  overlay(block.usage, settings.usage);
  overlay(block.grace_period, settings.grace_period);
  overlay(block.revoke_on_password_change, settings.revoke_on_password_change);
  overlay(block.revoke_on_login_prevented, settings.revoke_on_login_prevented);
  overlay(block.revoke_on_one_time_token_reuse, settings.revoke_on_one_time_token_reuse);
  if (block.access_token_key_id) settings.access_token_key_id = block.access_token_key_id;
  if (block.id_token_key_id) settings.id_token_key_id = block.id_token_key_id;
}

}  // namespace

JwtConfiguration parse_jwt_configuration(const json::object* block) {
  JwtConfiguration config;
  if (block == nullptr) return config;
  const json::object& jwt = *block;
  config.enabled = json::get_bool(jwt, "enabled").value_or(false);
  if (const auto seconds = ttl(jwt, "timeToLiveInSeconds")) {
    config.access_token_ttl = std::chrono::seconds(*seconds);
  }
  if (const auto minutes = ttl(jwt, "refreshTokenTimeToLiveInMinutes")) {
    config.refresh_token_ttl = std::chrono::minutes(*minutes);
  }
  if (const auto policy = json::get_string(jwt, "refreshTokenExpirationPolicy")) {
    if (*policy == "Fixed") config.expiration = RefreshExpiration::kFixed;
    if (*policy == "SlidingWindow") config.expiration = RefreshExpiration::kSlidingWindow;
    if (*policy == "SlidingWindowWithMaximumLifetime") {
      config.expiration = RefreshExpiration::kSlidingWindowWithMaximumLifetime;
    }
  }
  if (const auto max =
          ttl(jwt, "refreshTokenSlidingWindowConfiguration.maximumTimeToLiveInMinutes")) {
    config.maximum_lifetime = std::chrono::minutes(*max);
  }
  if (const auto usage = json::get_string(jwt, "refreshTokenUsagePolicy")) {
    config.usage = *usage == "OneTimeUse" ? RefreshUsage::kOneTimeUse : RefreshUsage::kReusable;
  }
  if (const auto grace =
          json::get_int(jwt, "refreshTokenOneTimeUseConfiguration.gracePeriodInSeconds");
      grace && *grace >= 0) {
    config.grace_period = std::chrono::seconds(std::min(*grace, kMaxGracePeriod));
  }
  config.revoke_on_password_change =
      json::get_bool(jwt, "refreshTokenRevocationPolicy.onPasswordChanged");
  config.revoke_on_login_prevented =
      json::get_bool(jwt, "refreshTokenRevocationPolicy.onLoginPrevented");
  config.revoke_on_one_time_token_reuse =
      json::get_bool(jwt, "refreshTokenRevocationPolicy.onOneTimeTokenReuse");
  config.access_token_key_id_text = json::get_string(jwt, "accessTokenKeyId");
  config.id_token_key_id_text = json::get_string(jwt, "idTokenKeyId");
  config.access_token_key_id = config.access_token_key_id_text.and_then(Uuid::parse);
  config.id_token_key_id = config.id_token_key_id_text.and_then(Uuid::parse);
  return config;
}

JwtSettings effective_jwt_settings(const JwtConfiguration& tenant,
                                   const JwtConfiguration* application) {
  JwtSettings settings;
  apply(tenant, settings);
  if (application != nullptr && application->enabled) {
    const auto tenant_keys = std::pair(settings.access_token_key_id, settings.id_token_key_id);
    settings.access_token_key_id.reset();
    settings.id_token_key_id.reset();
    apply(*application, settings);
    if (!settings.access_token_key_id) settings.access_token_key_id = tenant_keys.first;
    if (!settings.id_token_key_id) settings.id_token_key_id = tenant_keys.second;
  }
  return settings;
}

std::string_view to_string(RefreshExpiration expiration) {
  switch (expiration) {
    case RefreshExpiration::kFixed:
      return "Fixed";
    case RefreshExpiration::kSlidingWindow:
      return "SlidingWindow";
    case RefreshExpiration::kSlidingWindowWithMaximumLifetime:
      return "SlidingWindowWithMaximumLifetime";
  }
  return "Fixed";
}

}  // namespace latchkey::domain
