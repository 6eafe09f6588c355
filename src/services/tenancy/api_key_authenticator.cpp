#include "services/tenancy/api_key_authenticator.hpp"

#include "services/tenancy/api_key_permissions.hpp"

namespace latchkey::services {
namespace {

Error unauthorized(std::string detail) {
  return Error::status(HttpStatus::kUnauthorized, std::move(detail));
}

}  // namespace

Result<std::optional<Uuid>> ApiKeyAuthenticator::parse_tenant_header(
    std::optional<std::string_view> header) const {
  if (!header) return std::optional<Uuid>();
  const auto id = Uuid::parse(*header);
  if (!id || config_.current()->find_tenant(*id) == nullptr) {
    return fail(Error::field(HttpStatus::kBadRequest, "X-FusionAuth-TenantId",
                             "[invalid]X-FusionAuth-TenantId",
                             "The X-FusionAuth-TenantId header does not name a tenant."));
  }
  return std::optional<Uuid>(*id);
}

Result<Caller> ApiKeyAuthenticator::authenticate(const ApiCredentials& credentials) const {
  if (!credentials.authorization || credentials.authorization->empty()) {
    return fail(unauthorized("no API key"));
  }
  const auto snapshot = config_.current();
  const domain::ApiKey* key = snapshot->find_api_key_by_value(*credentials.authorization);
  if (key == nullptr) return fail(unauthorized("unknown API key"));
  if (const auto expires = json::get_int(key->data, "expirationInstant");
      expires && to_epoch_ms(clock_.now()) >= *expires) {
    return fail(unauthorized("expired API key " + key->id.str()));
  }
  // Permissions name endpoints, which the matched route template gives; without one (a call
  // not routed) the path itself must be listed, so nothing is granted by accident.
  const std::string endpoint = permission_endpoint(
      credentials.route_template.empty() ? credentials.path : credentials.route_template);
  if (!endpoint_permitted(key->data, credentials.method, endpoint)) {
    return fail(unauthorized("API key " + key->id.str() + " lacks permission"));
  }
  LATCHKEY_TRY(auto tenant_header, parse_tenant_header(credentials.tenant_header));
  // Security: a tenant-locked key cannot widen its reach by naming another tenant.
  if (key->tenant_id && tenant_header && *tenant_header != *key->tenant_id) {
    return fail(unauthorized("tenant-locked key used with another tenant's header"));
  }
  return Caller{*key, tenant_header};
}

Result<Caller> ApiKeyAuthenticator::authenticate_optional(const ApiCredentials& credentials) const {
  if (credentials.authorization && !credentials.authorization->empty()) {
    return authenticate(credentials);
  }
  LATCHKEY_TRY(auto tenant_header, parse_tenant_header(credentials.tenant_header));
  return Caller{std::nullopt, tenant_header};
}

}  // namespace latchkey::services
