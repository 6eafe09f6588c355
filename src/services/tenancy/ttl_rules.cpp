#include "services/tenancy/ttl_rules.hpp"

#include <array>
#include <string>

#include "services/common/time_limits.hpp"

namespace latchkey::services {
namespace {

constexpr std::array<std::string_view, 3> kJwtTtls = {
    "jwtConfiguration.timeToLiveInSeconds",
    "jwtConfiguration.refreshTokenTimeToLiveInMinutes",
    "jwtConfiguration.refreshTokenSlidingWindowConfiguration.maximumTimeToLiveInMinutes",
};

bool in_range(const json::value& value) {
  if (value.is_int64()) return ttl_in_range(value.get_int64());
  return false;  // a uint64 above INT64_MAX or any double is out of range or not an integer
}

void check(const json::object& doc, std::string_view path, std::string_view prefix,
           Validation& validation) {
  const json::value* value = json::find(doc, path);
  if (value == nullptr || value->is_null() || !value->is_number()) return;
  if (in_range(*value)) return;
  const std::string field = std::string(prefix) + "." + std::string(path);
  validation.add(field, "[invalid]" + field,
                 "The [" + field + "] must be an integer between 1 and " +
                     std::to_string(kMaxTimeToLive) + ".");
}

}  // namespace

void check_tenant_ttls(const json::object& tenant, Validation& validation) {
  for (const auto path : kJwtTtls) check(tenant, path, "tenant", validation);
  if (const auto* external = json::get_object(tenant, "externalIdentifierConfiguration")) {
    for (const auto& [name, value] : *external) {
      if (std::string_view(name).ends_with("TimeToLiveInSeconds")) {
        check(tenant, "externalIdentifierConfiguration." + std::string(name), "tenant", validation);
      }
    }
  }
}

void check_application_ttls(const json::object& application, Validation& validation) {
  for (const auto path : kJwtTtls) check(application, path, "application", validation);
}

}  // namespace latchkey::services
