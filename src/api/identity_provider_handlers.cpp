#include "api/identity_provider_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

constexpr std::string_view kIdName = "identityProviderId";

http::Response provider_response(const domain::IdentityProvider& provider) {
  return http::Response::json(HttpStatus::kOk, json::object{{"identityProvider", provider.data}});
}

}  // namespace

Result<http::Response> create_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, kIdName));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kIdentityProviderRequest));
  LATCHKEY_TRY(auto provider, envelope(body.json(), "identityProvider"));
  LATCHKEY_TRY(const auto created,
               services.identity_providers.create(caller, id, std::move(provider)));
  return provider_response(created);
}

Result<http::Response> retrieve_identity_providers(http::Request& request, ApiServices& services,
                                                   const services::Caller& caller) {
  json::array providers;
  for (const auto& provider :
       services.identity_providers.list(caller, request.query_param("type"))) {
    providers.push_back(provider.data);
  }
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"identityProviders", std::move(providers)}});
}

Result<http::Response> retrieve_identity_provider(http::Request& request, ApiServices& services,
                                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto provider, services.identity_providers.retrieve(caller, id));
  return provider_response(provider);
}

Result<http::Response> update_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kIdentityProviderRequest));
  LATCHKEY_TRY(auto provider, envelope(body.json(), "identityProvider"));
  LATCHKEY_TRY(const auto updated,
               services.identity_providers.update(caller, id, std::move(provider)));
  return provider_response(updated);
}

Result<http::Response> patch_identity_provider(http::Request& request, ApiServices& services,
                                               const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kIdentityProviderRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "identityProvider"));
  LATCHKEY_TRY(const auto updated, services.identity_providers.patch(caller, id, patch, style));
  return provider_response(updated);
}

Result<http::Response> delete_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, kIdName));
  LATCHKEY_CHECK(services.identity_providers.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

Result<http::Response> lookup_identity_provider(http::Request& request, ApiServices& services,
                                                const services::Caller& caller) {
  const auto domain = request.query_param("domain");
  if (!domain || domain->empty()) {
    return fail(Error::field(HttpStatus::kBadRequest, "domain", "[missing]domain",
                             "You must specify the [domain] parameter."));
  }
  std::optional<Uuid> tenant_id;
  if (const auto given = request.query_param("tenantId")) {
    tenant_id = Uuid::parse(*given);
    if (!tenant_id) {
      return fail(Error::field(HttpStatus::kBadRequest, "tenantId", "[couldNotConvert]tenantId",
                               "The [tenantId] is not a valid UUID."));
    }
  }
  LATCHKEY_TRY(auto found, services.identity_providers.lookup(caller, *domain, tenant_id));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{"identityProvider", std::move(found)}});
}

}  // namespace latchkey::api
