#pragma once
// Create/update rule for the lifetimes in tenant and application documents: each present TTL is
// an integer from 1 to kMaxTimeToLive (time_limits.hpp), so that adding it to an instant can
// never wrap. Wrong JSON types are field_types' business; a number out of range (negative,
// 2^63 - 1, 1e300) is `[invalid]<prefix>.<path>` here.
//
//   check_tenant_ttls(tenant, validation);   // "tenant.jwtConfiguration.timeToLiveInSeconds"

#include "core/error.hpp"
#include "core/json.hpp"

namespace latchkey::services {

// jwtConfiguration TTLs and every externalIdentifierConfiguration.*TimeToLiveInSeconds.
void check_tenant_ttls(const json::object& tenant, Validation& validation);
// jwtConfiguration TTLs, whether or not the application's configuration is enabled (a PATCH
// may enable it later without restating them).
void check_application_ttls(const json::object& application, Validation& validation);

}  // namespace latchkey::services
