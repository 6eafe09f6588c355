// OAuthService: id tokens, introspection, userinfo and discovery.
#include <algorithm>

#include "crypto/random.hpp"
#include "jose/jws.hpp"
#include "services/common/fusionauth_ids.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/jwt/token_type.hpp"
#include "services/oauth/oauth_service.hpp"

namespace latchkey::services {
namespace {

using oauth::invalid_client;
using oauth::invalid_request;
using oauth::oauth_error;

Error invalid_token(std::string description, std::string reason) {
  return oauth_error(HttpStatus::kUnauthorized, "invalid_token", std::move(description),
                     std::move(reason));
}

bool compatibility(const ConfigSnapshot& snapshot, const domain::Application& application) {
  return snapshot.settings(application)->oauth.scope_handling ==
         domain::ScopeHandling::kCompatibility;
}

void copy_string(const json::object& from, std::string_view path, json::object& to,
                 std::string_view claim) {
  if (const auto value = json::get_string(from, path); value && !value->empty()) {
    to[claim] = *value;
  }
}

std::vector<std::string> split_scope(const json::object& claims) {
  std::vector<std::string> scopes;
  const auto scope = json::get_string(claims, "scope").value_or("");
  std::string_view rest = scope;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (const auto item = rest.substr(0, space); !item.empty()) scopes.emplace_back(item);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  return scopes;
}

// The user's claims in a userinfo response for this access token: under Compatibility the
// whole userinfo table whatever the scopes; under Strict what the token's scopes grant, and
// for a token without scope (the Login API's) every scope's claims, as before.
json::object userinfo_user_claims(const ConfigSnapshot& snapshot, const domain::User& user,
                                  const json::object& token_claims,
                                  const domain::Application* application) {
  if (application != nullptr && compatibility(snapshot, *application)) {
    return compatibility_userinfo_claims(user);
  }
  if (!token_claims.contains("scope"))
    return user_claims(user, {"email", "profile", "phone"}, true);
  return user_claims(user, split_scope(token_claims), false);
}

}  // namespace

json::object user_claims(const domain::User& user, const std::vector<std::string>& scopes,
                         bool compatibility_policy) {
  json::object claims;
  const auto& data = user.data;
  if (compatibility_policy || oauth::has_scope(scopes, "email")) {
    if (user.email) claims["email"] = *user.email;
    claims["email_verified"] = json::get_bool(data, "verified").value_or(false);
  }
  if (oauth::has_scope(scopes, "phone")) {
    copy_string(data, "mobilePhone", claims, "phone_number");
    copy_string(data, "phoneNumber", claims, "phone_number");
    if (claims.contains("phone_number")) claims["phone_number_verified"] = false;
  }
  if (oauth::has_scope(scopes, "profile")) {
    copy_string(data, "firstName", claims, "given_name");
    copy_string(data, "middleName", claims, "middle_name");
    copy_string(data, "lastName", claims, "family_name");
    copy_string(data, "fullName", claims, "name");
    copy_string(data, "birthDate", claims, "birthdate");
    copy_string(data, "imageUrl", claims, "picture");
    copy_string(data, "timezone", claims, "zoneinfo");
    if (const auto* languages = json::get_array(data, "preferredLanguages");
        languages != nullptr && !languages->empty() && (*languages)[0].is_string()) {
      std::string locale((*languages)[0].as_string());
      std::ranges::replace(locale, '_', '-');
      claims["locale"] = locale;
    }
  }
  if ((compatibility_policy || oauth::has_scope(scopes, "profile")) && user.username) {
    claims["preferred_username"] = *user.username;
  }
  return claims;
}

json::object compatibility_userinfo_claims(const domain::User& user) {
  json::object claims;
  const auto& data = user.data;
  copy_string(data, "birthDate", claims, "birthdate");
  if (user.email) claims["email"] = *user.email;
  claims["email_verified"] = json::get_bool(data, "verified").value_or(false);
  copy_string(data, "lastName", claims, "family_name");
  copy_string(data, "firstName", claims, "given_name");
  copy_string(data, "middleName", claims, "middle_name");
  copy_string(data, "fullName", claims, "name");
  // phoneNumber wins over mobilePhone, as under Strict.
  copy_string(data, "mobilePhone", claims, "phone_number");
  copy_string(data, "phoneNumber", claims, "phone_number");
  copy_string(data, "imageUrl", claims, "picture");
  if (user.username) claims["preferred_username"] = *user.username;
  return claims;
}

std::string issuer_of(const domain::TenantSettings& tenant) { return tenant.issuer; }

Result<std::string> OAuthService::id_token(const Issue& in, const std::string& access_token,
                                           Instant expires) const {
  const auto snapshot = config_.current();
  const auto settings = snapshot->jwt_settings(*in.tenant, in.application);
  const Uuid key_id = settings.id_token_key_id.value_or(*Uuid::parse(kShadowKeyHs256Id));
  const KeyEntry* entry = snapshot->find_key(key_id);
  if (entry == nullptr) entry = snapshot->find_key(*Uuid::parse(kShadowKeyHs256Id));
  if (entry == nullptr) throw std::runtime_error("the id token signing key is missing");

  std::optional<jose::Key> shadow;
  const jose::Key* key = nullptr;
  std::string kid;
  if (entry->key) {
    key = &*entry->key;
    kid = entry->record.kid;
  } else {
    // A shadow key (jwt-claims.md): HMAC under the application's client secret, kid = its id.
    const auto algorithm = json::get_string(entry->record.data, "algorithm")
                               .and_then(jose::parse_jws_name)
                               .value_or(jose::Algorithm::kHS256);
    auto made = jose::Key::hmac(algorithm,
                                snapshot->settings(*in.application)->oauth.client_secret.reveal());
    if (!made) {
      return fail(oauth_error(HttpStatus::kInternalServerError, "server_error",
                              "The id token cannot be signed with this client secret.", "unknown")
                      .with_log_detail("client secret unusable as an HMAC key"));
    }
    shadow = std::move(*made);
    key = &*shadow;
    kid = in.application->id.str();
  }
  if (!key->can_sign()) throw std::runtime_error("the id token signing key cannot sign");

  const Instant now = clock_.now();
  const auto& user = *in.user;
  json::object claims;
  claims["aud"] = in.application->id.str();
  claims["exp"] = to_epoch_seconds(expires);
  claims["iat"] = to_epoch_seconds(now);
  claims["iss"] = issuer_of(*snapshot->settings(*in.tenant));
  claims["sub"] = user.id.str();
  claims["jti"] = crypto::random_uuid().str();
  claims["authenticationType"] = in.authentication_type;
  for (auto& [name, value] :
       user_claims(user, in.scopes, compatibility(*snapshot, *in.application))) {
    claims[name] = value;
  }
  claims["at_hash"] = oauth::left_half_hash(key->algorithm(), access_token);
  if (in.code) claims["c_hash"] = oauth::left_half_hash(key->algorithm(), *in.code);
  if (in.nonce) claims["nonce"] = *in.nonce;
  if (in.session_id) claims["sid"] = *in.session_id;
  claims["auth_time"] = to_epoch_seconds(in.auth_time);
  claims["tid"] = in.tenant->id.str();
  if (!in.scopes.empty()) claims["scope"] = oauth::join_scopes(in.scopes);
  return jose::sign(token_header(TokenType::kId, kid), claims, *key);
}

Result<OAuthService::Client> OAuthService::token_check_client(
    const OAuthTokenCheck& request, const ConfigSnapshot& snapshot) const {
  LATCHKEY_TRY(
      const auto credentials,
      oauth::client_credentials(request.authorization, request.client_id, request.client_secret));
  if (!credentials.client_id) {
    return fail(invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  const auto id = Uuid::parse(*credentials.client_id);
  const auto* application = id ? snapshot.find_application(*id) : nullptr;
  if (application == nullptr) {
    return fail(invalid_client("The client_id does not name an application.", "invalid_client_id"));
  }
  if (credentials.client_secret &&
      !oauth::client_secret_matches(snapshot.settings(*application)->oauth,
                                    *credentials.client_secret)) {
    return fail(invalid_client("Client authentication failed.", "invalid_client_authentication"));
  }
  if (!request.token || request.token->empty()) {
    return fail(invalid_request("The token parameter is required.", "missing_token"));
  }
  return Client{application, credentials.client_secret.has_value()};
}

Result<json::object> OAuthService::introspect(const OAuthTokenCheck& request) {
  const auto snapshot = config_.current();
  LATCHKEY_TRY(const auto client, token_check_client(request, *snapshot));
  const domain::Application* application = client.application;
  auto claims = tokens_.validate(*request.token);
  if (!claims) return json::object{{"active", false}};
  // Seed Table 18: a token issued for another client is a 401.
  if (json::get_string(*claims, "aud").value_or("") != application->id.str()) {
    return fail(oauth_error(HttpStatus::kUnauthorized, "invalid_client",
                            "The token was not issued to this client.", "client_id_mismatch"));
  }
  json::object body{{"active", true}};
  for (auto& [name, value] : *claims) body[name] = value;
  return body;
}

Result<json::object> OAuthService::userinfo(const std::optional<std::string>& bearer) {
  if (!bearer || bearer->empty()) {
    return fail(invalid_token("A bearer access token is required.", "access_token_required"));
  }
  auto authenticated = tokens_.authenticate(*bearer);
  if (!authenticated) {
    const bool expired = authenticated.error().log_detail().find("expired") != std::string::npos;
    return fail(invalid_token("The access token is invalid or expired.",
                              expired ? "access_token_expired" : "access_token_invalid")
                    .with_log_detail(authenticated.error().log_detail()));
  }
  const json::object* claims = &authenticated->claims;
  const domain::User* user = &authenticated->user;
  const auto snapshot = config_.current();
  const auto app_id = json::get_string(*claims, "aud").and_then(Uuid::parse);
  const auto* application = app_id ? snapshot->find_application(*app_id) : nullptr;
  json::object body;
  if (const auto* application_id = claims->if_contains("applicationId")) {
    body["applicationId"] = *application_id;
  }
  for (auto& [name, value] : userinfo_user_claims(*snapshot, *user, *claims, application)) {
    body[name] = value;
  }
  if (const auto* roles = claims->if_contains("roles")) body["roles"] = *roles;
  body["sub"] = user->id.str();
  return body;
}

Result<json::object> OAuthService::discovery(const std::optional<std::string>& tenant_id,
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
