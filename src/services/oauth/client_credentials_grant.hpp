#pragma once
// POST /oauth2/token with grant_type=client_credentials (FusionAuth's OAuth endpoints, "Client
// Credentials Grant Request"): an entity authenticates with its client id and secret (Basic or
// the form) and asks for access to target entities by scope
// (`target-entity:<id>[:<permission>,...]`, services/entities/target_entity_scope). The access
// token's claims: aud (the target entity ids), sub (the requesting entity), permissions (target id
// -> permissions), scope, tid, iss, iat, exp, jti; signed with the entity type's
// jwtConfiguration key and lifetime when it is enabled, else the tenant's. No refresh token.
//
// Introspection: such a token is introspected without client authentication, as FusionAuth's
// introspectClientCredentialsAccessToken sends only the token.
//
//   if (grant == "client_credentials") return client_credentials.exchange(request);
//   if (auto shown = client_credentials.introspect(token)) return *shown;

#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/entities/entity_grant_service.hpp"
#include "services/entities/entity_service.hpp"
#include "services/jwt/token_service.hpp"
#include "services/oauth/token_request.hpp"
#include "store/entity_store.hpp"

namespace latchkey::services {

class ClientCredentialsGrant {
 public:
  ClientCredentialsGrant(const ConfigCache& config, const Clock& clock, store::EntityStore& store,
                         const EntityService& entities, const EntityGrantService& grants,
                         const TokenService& tokens)
      : config_(config),
        clock_(clock),
        store_(store),
        entities_(entities),
        grants_(grants),
        tokens_(tokens) {}

  // The token response {access_token, expires_in, scope, token_type} or an OAuth error.
  Result<json::object> exchange(const OAuthTokenRequest& request) const;

  // For a token that names an entity as its sub and carries permissions: {"active": true,
  // claims...} when it verifies, {"active": false} when not (forged, expired, revoked). Nothing
  // for any other token (a user's, or no JWT), which needs client authentication.
  std::optional<json::object> introspect(std::string_view token) const;

 private:
  const ConfigCache& config_;
  const Clock& clock_;
  store::EntityStore& store_;
  const EntityService& entities_;
  const EntityGrantService& grants_;
  const TokenService& tokens_;
};

}  // namespace latchkey::services
