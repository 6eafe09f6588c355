#pragma once
// Who is calling the API and which tenant the call is scoped to (spec/conventions.md §2-3).
//
//   LATCHKEY_TRY(const Caller caller, authenticator.authenticate(credentials));
//   LATCHKEY_TRY(const Uuid tenant, resolve_tenant(caller, *config.current()));
//   LATCHKEY_TRY(const Uuid tenant, resolve_tenant(caller, *snapshot, {application_id}));

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/records.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

struct Caller {
  std::optional<domain::ApiKey> api_key;  // absent for anonymous endpoints
  std::optional<Uuid> tenant_header;      // X-FusionAuth-TenantId, validated

  [[nodiscard]] bool key_manager() const { return api_key && api_key->key_manager; }
  // The tenant the call is restricted to, if any: a tenant-locked key's, else the header's.
  [[nodiscard]] std::optional<Uuid> tenant_scope() const;
  // Whether an object of `tenant_id` is visible to this caller.
  [[nodiscard]] bool can_see(const Uuid& tenant_id) const;
};

// What a request names that belongs to exactly one tenant. FusionAuth infers the tenant from
// such an id instead of asking for X-FusionAuth-TenantId (apis/_tenant-authentication.mdx).
// A userId needs no hint: users addressed by id are found first and carry their tenant.
struct TenantHint {
  // An application the request names (applicationId, registration.applicationId).
  std::optional<Uuid> application_id;
  // The request field that named it, for the error when it names no usable application.
  std::string_view application_field = "applicationId";
};

// The tenant a request applies to, in FusionAuth's order:
//   1. a hint naming an application that does not exist, or that the caller's tenant scope
//      does not cover, is 400 [invalid]<field> (Security: a tenant-locked key, or a header,
//      cannot be steered into another tenant by naming that tenant's application);
//   2. the caller's scope: the tenant-locked key's tenant, else the header's;
//   3. the named application's tenant;
//   4. the only tenant there is;
//   5. otherwise the request is really ambiguous: 400 [TenantIdRequired].
Result<Uuid> resolve_tenant(const Caller& caller, const ConfigSnapshot& config,
                            const TenantHint& hint = {});

}  // namespace latchkey::services
