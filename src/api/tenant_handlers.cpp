#include "api/tenant_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

http::Response tenant_response(const domain::Tenant& tenant) {
  return http::Response::json(HttpStatus::kOk, json::object{{"tenant", tenant.data}});
}

}  // namespace

Result<http::Response> create_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "tenantId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kTenantRequest));
  LATCHKEY_TRY(auto tenant, envelope(body.json(), "tenant"));
  LATCHKEY_TRY(const auto created, services.tenants.create(caller, id, std::move(tenant)));
  return tenant_response(created);
}

Result<http::Response> retrieve_tenants(http::Request&, ApiServices& services,
                                        const services::Caller& caller) {
  json::array tenants;
  for (const auto& tenant : services.tenants.list(caller)) tenants.push_back(tenant.data);
  return http::Response::json(HttpStatus::kOk, json::object{{"tenants", std::move(tenants)}});
}

Result<http::Response> retrieve_tenant(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "tenantId"));
  LATCHKEY_TRY(const auto tenant, services.tenants.retrieve(caller, id));
  return tenant_response(tenant);
}

Result<http::Response> update_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "tenantId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kTenantRequest));
  LATCHKEY_TRY(auto tenant, envelope(body.json(), "tenant"));
  LATCHKEY_TRY(const auto updated, services.tenants.update(caller, id, std::move(tenant)));
  return tenant_response(updated);
}

Result<http::Response> patch_tenant(http::Request& request, ApiServices& services,
                                    const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "tenantId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kTenantRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "tenant"));
  LATCHKEY_TRY(const auto updated, services.tenants.patch(caller, id, patch, style));
  return tenant_response(updated);
}

Result<http::Response> delete_tenant(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "tenantId"));
  LATCHKEY_CHECK(services.tenants.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
