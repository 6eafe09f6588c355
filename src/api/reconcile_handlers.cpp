#include "api/reconcile_handlers.hpp"

#include "api/login_response.hpp"
#include "api/request_input.hpp"

namespace latchkey::api {

Result<http::Response> reconcile_jwt(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto body, typed_body(request, services::kIdentityProviderLoginRequest));
  services::ReconcileRequest input;
  // data.token (1.1.0+) wins over the deprecated encodedJWT.
  input.token = body.string("data.token").value_or(body.string("encodedJWT").value_or(""));
  const auto application_id = body.uuid("applicationId");
  if (application_id) input.application_id = application_id->str();
  const auto provider_id = body.uuid("identityProviderId");
  if (provider_id) input.identity_provider_id = provider_id->str();
  input.ip_address = login_address(body.json(), request);
  input.device = device_of(body.json());
  input.no_jwt = body.boolean("noJWT").value_or(false);
  input.no_link = body.boolean("noLink").value_or(false);
  input.identity_provider_token = body.string("data.refresh_token");
  LATCHKEY_TRY(const auto outcome, services.reconcile.reconcile(caller, input));
  return render_reconcile(outcome, request, services);
}

}  // namespace latchkey::api
