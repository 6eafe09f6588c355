#pragma once
// Tenants (store/migrations/0001). Names are unique case-insensitively (kDuplicateName).
// Each call is atomic on its own; concurrent writers of one tenant leave the last write.
// delete_tenant removes the tenant with everything it owns (applications, users,
// registrations) in one statement, so no reader sees half a tenant gone.
//
//   if (auto written = tenants.insert_tenant(tenant); !written) { ... written.error() ... }

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class TenantStore {
 public:
  virtual ~TenantStore() = default;
  virtual std::vector<domain::Tenant> list_tenants() = 0;
  virtual std::optional<domain::Tenant> find_tenant(const Uuid& id) = 0;
  virtual WriteResult insert_tenant(const domain::Tenant& tenant) = 0;
  virtual WriteResult update_tenant(const domain::Tenant& tenant) = 0;
  // Removes the tenant with its applications, users and registrations. False if absent.
  virtual bool delete_tenant(const Uuid& id) = 0;
};

}  // namespace latchkey::store
