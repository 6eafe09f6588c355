#include "api/reconcile_handlers.hpp"

#include "api/login_response.hpp"
#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

enum class Kind { kString, kBool, kObject };

bool has_kind(const json::value& value, Kind kind) {
  switch (kind) {
    case Kind::kString:
      return value.is_string();
    case Kind::kBool:
      return value.is_bool();
    case Kind::kObject:
      return value.is_object();
  }
  return false;
}

// IdentityProviderLoginRequest members Latchkey reads; a wrong JSON type is FusionAuth's
// binding failure, 400 [invalidJSON]<field>, never a silent default.
Status check_types(const json::object& body) {
  static constexpr std::pair<std::string_view, Kind> kFields[] = {
      {"applicationId", Kind::kString},  {"identityProviderId", Kind::kString},
      {"encodedJWT", Kind::kString},     {"data", Kind::kObject},
      {"data.token", Kind::kString},     {"data.refresh_token", Kind::kString},
      {"ipAddress", Kind::kString},      {"noJWT", Kind::kBool},
      {"noLink", Kind::kBool},           {"metaData", Kind::kObject},
      {"metaData.device", Kind::kObject}};
  Validation validation;
  for (const auto& [path, kind] : kFields) {
    const json::value* value = json::find(body, path);
    if (value == nullptr || value->is_null() || has_kind(*value, kind)) continue;
    const std::string name(path);
    validation.add(name, "[invalidJSON]" + name,
                   "Invalid JSON in the request body. The property was [" + name +
                       "] and its value has the wrong type.");
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

}  // namespace

Result<http::Response> reconcile_jwt(http::Request& request, ApiServices& services) {
  LATCHKEY_TRY(const auto body, json_body(request));
  // Anonymous, but a key that is sent must be valid (spec/conventions.md §2).
  LATCHKEY_TRY(const auto caller,
               services.authenticator.authenticate_optional(credentials(request)));
  LATCHKEY_CHECK(check_types(body));
  services::ReconcileRequest input;
  // data.token (1.1.0+) wins over the deprecated encodedJWT.
  input.token = json::get_string(body, "data.token")
                    .value_or(json::get_string(body, "encodedJWT").value_or(""));
  input.application_id = json::get_string(body, "applicationId");
  input.identity_provider_id = json::get_string(body, "identityProviderId");
  input.ip_address = login_address(body, request);
  input.device = device_of(body);
  input.no_jwt = json::get_bool(body, "noJWT").value_or(false);
  input.no_link = json::get_bool(body, "noLink").value_or(false);
  input.identity_provider_token = json::get_string(body, "data.refresh_token");
  LATCHKEY_TRY(const auto outcome, services.reconcile.reconcile(caller, input));
  return render_login(outcome, request, services);
}

}  // namespace latchkey::api
