#pragma once
// The variables every kickstart file may use without declaring them (FusionAuth's
// "Environment Variables" of a kickstart: FUSIONAUTH_APPLICATION_ID, FUSIONAUTH_TENANT_ID,
// FUSIONAUTH_DEFAULT_SIGNING_KEY_ID, ...), by name.
//
//   for (const auto& [name, value] : kickstart_builtins(ids)) variables[name] = value;

#include <map>
#include <optional>
#include <string>

#include "core/uuid.hpp"

namespace latchkey::services {

// The instance's own ids the built-ins resolve to.
struct KickstartInstanceIds {
  Uuid default_tenant_id;  // after `defaultTenantId`
  // Unknown until the database exists; resolves to the nil UUID until then (a first, checking
  // pass over the file is made before the database is built, see app/kickstart_runner.cpp).
  std::optional<Uuid> default_signing_key_id;
  std::optional<Uuid> tenant_manager_application_id;  // `tenantManagerApplicationId`
};

// Every built-in FusionAuth documents, with its value for this instance.
std::map<std::string, std::string, std::less<>> kickstart_builtins(const KickstartInstanceIds& ids);

}  // namespace latchkey::services
