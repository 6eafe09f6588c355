#include "services/oauth/client_credentials_grant.hpp"

#include "core/base64.hpp"
#include "services/common/oauth_rules.hpp"
#include "services/entities/target_entity_scope.hpp"

namespace latchkey::services {
namespace {

Error unknown_target(const Uuid& id) {
  // One answer whether the target is absent, of another tenant or simply not granted: the
  // requester learns nothing about entities it holds no grant on.
  return oauth::oauth_error(
      HttpStatus::kBadRequest, "invalid_scope",
      "The target entity [" + id.str() + "] does not exist or has granted this client nothing.",
      "invalid_target_entity_scope");
}

}  // namespace

Result<json::object> ClientCredentialsGrant::exchange(const OAuthTokenRequest& request) const {
  LATCHKEY_TRY(
      const auto credentials,
      oauth::client_credentials(request.authorization, request.client_id, request.client_secret));
  if (!credentials.client_id || credentials.client_id->empty()) {
    return fail(
        oauth::invalid_request("The client_id parameter is required.", "missing_client_id"));
  }
  if (!credentials.client_secret || credentials.client_secret->empty()) {
    return fail(
        oauth::invalid_client("This client must authenticate.", "client_authentication_missing"));
  }
  LATCHKEY_TRY(const auto client,
               entities_.authenticate(*credentials.client_id, *credentials.client_secret));
  LATCHKEY_TRY(const auto targets, parse_target_entity_scopes(request.scope));

  json::array audience;
  json::object permissions;
  for (const auto& target : targets) {
    const auto entity = store_.find_entity(target.entity_id);
    if (!entity || entity->tenant_id != client.tenant_id) {
      return fail(unknown_target(target.entity_id));
    }
    const auto granted = grants_.granted_permissions(target.entity_id, client.id);
    if (!granted) return fail(unknown_target(target.entity_id));
    LATCHKEY_TRY(const auto carried, token_permissions(target, *granted));
    json::array list;
    for (const auto& permission : carried) list.emplace_back(permission);
    audience.emplace_back(target.entity_id.str());
    permissions[target.entity_id.str()] = std::move(list);
  }

  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(client.tenant_id);
  if (tenant == nullptr) {
    return fail(
        oauth::invalid_client("Client authentication failed.", "invalid_client_authentication"));
  }
  // The entity type's JWT settings when enabled, else the tenant's (vend's defaults).
  std::optional<std::string> key_id;
  std::optional<std::int64_t> ttl;
  if (const auto type = store_.find_entity_type(client.type_id)) {
    if (json::get_bool(type->data, "jwtConfiguration.enabled").value_or(false)) {
      key_id = json::get_string(type->data, "jwtConfiguration.accessTokenKeyId");
      ttl = json::get_int(type->data, "jwtConfiguration.timeToLiveInSeconds");
    }
  }
  json::object claims{{"aud", std::move(audience)},
                      {"iss", snapshot->settings(*tenant)->issuer},
                      {"permissions", std::move(permissions)},
                      {"sub", client.id.str()},
                      {"tid", tenant->id.str()}};
  const std::string scope = request.scope.value_or("");
  claims["scope"] = scope;
  auto issued = tokens_.vend(*tenant, std::move(claims), key_id, ttl);
  if (!issued) {
    // The type's key vanished since it was checked: a server-side configuration problem.
    return fail(oauth::oauth_error(HttpStatus::kBadRequest, "invalid_request",
                                   "The entity type's signing key cannot sign.", "unknown"));
  }
  const auto now = clock_.now();
  const auto expires_in =
      std::max<std::int64_t>(0, to_epoch_seconds(issued->expires) - to_epoch_seconds(now));
  return json::object{{"access_token", issued->token},
                      {"expires_in", expires_in},
                      {"scope", scope},
                      {"token_type", "Bearer"}};
}

std::optional<json::object> ClientCredentialsGrant::introspect(std::string_view token) const {
  // Whether the token claims to be one of ours, read before verifying: a JWT whose sub names an
  // entity and which carries the permissions claim. Anything else (a user's token, or no JWT at
  // all) is not this grant's to answer, and goes the client-authenticated way.
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload =
      base64::decode_url(token.substr(first + 1, second - first - 1))
          .and_then([](const std::string& text) { return json::parse_object(text); });
  if (!payload || json::get_object(*payload, "permissions") == nullptr) return std::nullopt;
  const auto sub = json::get_string(*payload, "sub").and_then(Uuid::parse);
  if (!sub || !store_.find_entity(*sub)) return std::nullopt;
  // Security: only now is it verified; what was read above decided nothing but the route.
  auto claims = tokens_.validate(token);
  if (!claims) return json::object{{"active", false}};
  json::object body{{"active", true}};
  for (auto& [name, value] : *claims) body[name] = value;
  return body;
}

}  // namespace latchkey::services
