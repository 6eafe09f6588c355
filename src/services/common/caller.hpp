#pragma once
// Who is calling the API and which tenant the call is scoped to (spec/conventions.md §2-3).
//
//   LATCHKEY_TRY(const Caller caller, authenticator.authenticate(credentials));
//   LATCHKEY_TRY(const Uuid tenant, resolve_tenant(caller, *config.current()));

#include <optional>
#include <string>

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

// The tenant a create or a lookup by login id applies to: the key's tenant, the header's, or
// the only tenant there is; otherwise 400 [TenantIdRequired].
Result<Uuid> resolve_tenant(const Caller& caller, const ConfigSnapshot& config);

}  // namespace latchkey::services
