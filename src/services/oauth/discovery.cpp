#include "services/oauth/discovery.hpp"

#include "services/common/oauth_rules.hpp"
#include "services/oauth/oidc_claims.hpp"

namespace latchkey::services {

using oauth::invalid_request;

Result<json::object> Discovery::discovery(const std::optional<std::string>& tenant_id,
                                          const std::string& base_url) const {
  const auto snapshot = config_.current();
  const domain::Tenant* tenant = nullptr;
  if (tenant_id) {
    const auto id = Uuid::parse(*tenant_id);
    tenant = id ? snapshot->find_tenant(*id) : nullptr;
    if (tenant == nullptr) {
      return fail(invalid_request("The tenantId does not name a tenant.", "invalid_tenant_id"));
    }
  } else {
    for (const auto& [key, candidate] : snapshot->tenants()) {
      if (candidate.name == "Default") tenant = &candidate;
    }
    if (tenant == nullptr && !snapshot->tenants().empty()) {
      tenant = &snapshot->tenants().begin()->second;
    }
    if (tenant == nullptr) return fail(invalid_request("No tenant exists.", "missing_tenant_id"));
  }
  const auto strings = [](std::initializer_list<std::string_view> values) {
    json::array array;
    for (const auto value : values) array.emplace_back(value);
    return array;
  };
  const auto algorithms =
      strings({"ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512"});
  json::object body;
  body["authorization_endpoint"] = base_url + "/oauth2/authorize";
  // RFC 9207: every authorization response (code or error) names its issuer.
  body["authorization_response_iss_parameter_supported"] = true;
  body["backchannel_logout_supported"] = false;
  body["claims_supported"] = strings({"applicationId", "at_hash",
                                      "aud",           "authenticationType",
                                      "birthdate",     "c_hash",
                                      "email",         "email_verified",
                                      "exp",           "family_name",
                                      "given_name",    "iat",
                                      "iss",           "jti",
                                      "middle_name",   "name",
                                      "nbf",           "nonce",
                                      "phone_number",  "phone_number_verified",
                                      "picture",       "preferred_username",
                                      "roles",         "sub"});
  body["code_challenge_methods_supported"] = strings({"S256", "plain"});
  body["end_session_endpoint"] = base_url + "/oauth2/logout";
  body["frontchannel_logout_supported"] = true;
  body["grant_types_supported"] = strings({"authorization_code", "password", "refresh_token"});
  body["id_token_signing_alg_values_supported"] = algorithms;
  body["introspection_endpoint"] = base_url + "/oauth2/introspect";
  body["issuer"] = issuer_of(*snapshot->settings(*tenant));
  body["jwks_uri"] = base_url + "/.well-known/jwks.json";
  body["response_modes_supported"] = strings({"query"});
  body["response_types_supported"] = strings({"code"});
  body["revocation_endpoint"] = base_url + "/oauth2/revoke";
  body["scopes_supported"] = strings({"openid", "offline_access", "profile", "email", "phone"});
  body["subject_types_supported"] = strings({"public"});
  body["token_endpoint"] = base_url + "/oauth2/token";
  body["token_endpoint_auth_methods_supported"] =
      strings({"client_secret_basic", "client_secret_post", "none"});
  body["userinfo_endpoint"] = base_url + "/oauth2/userinfo";
  body["userinfo_signing_alg_values_supported"] = algorithms;
  return body;
}

}  // namespace latchkey::services
