#include "services/common/caller.hpp"

namespace latchkey::services {

std::optional<Uuid> Caller::tenant_scope() const {
  if (api_key && api_key->tenant_id) return api_key->tenant_id;
  return tenant_header;
}

bool Caller::can_see(const Uuid& tenant_id) const {
  const auto scope = tenant_scope();
  return !scope || *scope == tenant_id;
}

Result<Uuid> resolve_tenant(const Caller& caller, const ConfigSnapshot& config,
                            const TenantHint& hint) {
  const domain::Application* named = nullptr;
  if (hint.application_id) {
    named = config.find_application(*hint.application_id);
    // The same answer whether the application is missing or in a tenant the caller cannot
    // see, so a scoped caller learns nothing about other tenants' applications.
    if (named == nullptr || !caller.can_see(named->tenant_id)) {
      const std::string field(hint.application_field);
      return fail(Error::field(HttpStatus::kBadRequest, field, "[invalid]" + field,
                               "The [" + field + "] does not name an application."));
    }
  }
  if (const auto scope = caller.tenant_scope()) return *scope;
  if (named != nullptr) return named->tenant_id;
  if (config.tenants().size() == 1) {
    return config.tenants().begin()->second.id;
  }
  return fail(Error::general(HttpStatus::kBadRequest, "[TenantIdRequired]",
                             "A Tenant Id is required to complete this request. To complete this "
                             "request, you must specify a Tenant Id using the "
                             "X-FusionAuth-TenantId HTTP request header."));
}

}  // namespace latchkey::services
