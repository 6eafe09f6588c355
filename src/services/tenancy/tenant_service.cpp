#include "services/tenancy/tenant_service.hpp"

#include "domain/lockout_policy.hpp"
#include "services/common/defaults.hpp"
#include "services/common/field_types.hpp"
#include "services/common/fusionauth_ids.hpp"
#include "services/keys/key_visibility.hpp"
#include "services/keys/public_key_events.hpp"
#include "services/keys/signing_key_rules.hpp"
#include "services/tenancy/ttl_rules.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

Status validate(json::object& tenant) {
  LATCHKEY_CHECK(require_field_types(tenant, "tenant", kTenantFields));
  Validation validation;
  if (is_blank(tenant, "name")) {
    validation.add("tenant.name", "[blank]tenant.name", "You must specify the [tenant.name].");
  }
  check_tenant_ttls(tenant, validation);
  domain::validate_lockout_policy(tenant, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

// Fills the signing keys a tenant uses when it names none: the default signing key for access
// tokens, the HS256 client-secret key for id tokens (FusionAuth's first-start state).
void fill_key_defaults(json::object& tenant, const ConfigSnapshot& config) {
  auto& jwt = json::ensure_object(tenant, "jwtConfiguration");
  if (const auto* key = config.default_signing_key(); key != nullptr) {
    json::set_default(jwt, "accessTokenKeyId", json::value(key->record.id.str()));
  }
  json::set_default(jwt, "idTokenKeyId", kShadowKeyHs256Id);
}

bool holds_fusionauth_application(const ConfigSnapshot& config, const Uuid& tenant_id) {
  const auto* app = config.find_application(*Uuid::parse(kFusionAuthApplicationId));
  return app != nullptr && app->tenant_id == tenant_id;
}

}  // namespace

Result<domain::Tenant> TenantService::save(domain::Tenant tenant, bool created) {
  tenant.data["id"] = tenant.id.str();
  tenant.name = json::get_string(tenant.data, "name").value_or("");
  auto written =
      created ? store_.tenants.insert_tenant(tenant) : store_.tenants.update_tenant(tenant);
  if (!written) {
    if (written.error() == store::Conflict::kDuplicateName) {
      return fail(Error::field(HttpStatus::kBadRequest, "tenant.name", "[duplicate]tenant.name",
                               "A Tenant with name [" + tenant.name + "] already exists."));
    }
    return fail(Error::field(HttpStatus::kBadRequest, "tenantId", "[duplicate]tenantId",
                             "A Tenant with Id [" + tenant.id.str() + "] already exists."));
  }
  config_.reload();
  return tenant;
}

Result<domain::Tenant> TenantService::create(const Caller& caller, const std::optional<Uuid>& id,
                                             json::object tenant) {
  // Security: a tenant-scoped caller cannot create tenants beside its own.
  if (caller.tenant_scope()) return fail(Error::status(HttpStatus::kUnauthorized));
  LATCHKEY_CHECK(validate(tenant));
  if (themes_ != nullptr) {
    LATCHKEY_CHECK(check_theme_reference(tenant, "tenant", *themes_));
  }
  json::apply_defaults(tenant, tenant_defaults());
  fill_key_defaults(tenant, *config_.current());
  LATCHKEY_CHECK(validate_signing_keys(tenant, "tenant", *config_.current()));
  stamp_created(tenant, clock_.now());
  return save({choose_id(id), {}, std::move(tenant)}, true);
}

Result<domain::Tenant> TenantService::retrieve(const Caller& caller, const Uuid& id) const {
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(id);
  if (tenant == nullptr || !caller.can_see(id)) return fail(not_found());
  return *tenant;
}

std::vector<domain::Tenant> TenantService::list(const Caller& caller) const {
  std::vector<domain::Tenant> visible;
  for (const auto& [key, tenant] : config_.current()->tenants()) {
    if (caller.can_see(tenant.id)) visible.push_back(tenant);
  }
  return visible;
}

Result<domain::Tenant> TenantService::update(const Caller& caller, const Uuid& id,
                                             json::object tenant) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  LATCHKEY_CHECK(validate(tenant));
  if (themes_ != nullptr) {
    LATCHKEY_CHECK(check_theme_reference(tenant, "tenant", *themes_));
  }
  json::apply_defaults(tenant, tenant_defaults());
  fill_key_defaults(tenant, *config_.current());
  LATCHKEY_CHECK(validate_signing_keys(tenant, "tenant", *config_.current(), key_scope(caller)));
  stamp_updated(tenant, existing.data, clock_.now(), {});
  if (events_ == nullptr || !signing_keys_changed(existing.data, tenant)) {
    return save({id, {}, std::move(tenant)}, false);
  }
  // Every application of the tenant signs with the tenant's keys unless it names its own;
  // FusionAuth lists the tenant's applications, and receivers re-read the keys either way.
  std::vector<Uuid> applications;
  for (const auto& [key, application] : config_.current()->applications()) {
    if (application.tenant_id == id) applications.push_back(application.id);
  }
  LATCHKEY_TRY(auto owed, events_->prepare(id, public_key_update_event(applications)));
  std::optional<Result<domain::Tenant>> saved;
  store_.unit_of_work.in_transaction([&] {
    saved = save({id, {}, std::move(tenant)}, false);
    if (!*saved) return false;
    events_->enqueue(std::move(owed));
    return true;
  });
  return std::move(*saved);
}

Result<domain::Tenant> TenantService::patch(const Caller& caller, const Uuid& id,
                                            const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status TenantService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  if (holds_fusionauth_application(*config_.current(), existing.id)) {
    return fail(Error::field(HttpStatus::kBadRequest, "tenantId", "[fusionAuth]tenantId",
                             "The default tenant cannot be deleted."));
  }
  if (!store_.tenants.delete_tenant(id)) return fail(not_found());
  config_.reload();
  return {};
}

Result<domain::Tenant> TenantService::for_vend(const Caller& caller) const {
  const auto snapshot = config_.current();
  if (const auto scope = caller.tenant_scope()) return retrieve(caller, *scope);
  const auto* app = snapshot->find_application(*Uuid::parse(kFusionAuthApplicationId));
  const auto* tenant = app ? snapshot->find_tenant(app->tenant_id) : nullptr;
  if (tenant == nullptr && !snapshot->tenants().empty()) {
    tenant = &snapshot->tenants().begin()->second;
  }
  if (tenant == nullptr) return fail(Error::status(HttpStatus::kNotFound));
  return *tenant;
}

domain::Tenant TenantService::ensure_default_tenant(const std::optional<Uuid>& wanted_id,
                                                    const std::optional<std::string>& issuer) {
  const auto snapshot = config_.current();
  if (!snapshot->tenants().empty()) return snapshot->tenants().begin()->second;
  json::object tenant;
  tenant["name"] = "Default";
  if (issuer) tenant["issuer"] = *issuer;
  json::apply_defaults(tenant, tenant_defaults());
  fill_key_defaults(tenant, *snapshot);
  stamp_created(tenant, clock_.now());
  auto saved = save({choose_id(wanted_id), {}, std::move(tenant)}, true);
  if (!saved) throw std::runtime_error("cannot create the default tenant");
  return *saved;
}

}  // namespace latchkey::services
