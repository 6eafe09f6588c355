#pragma once
// POST /oauth2/revoke (RFC 7009): a refresh token is deleted; an access token (a JWT we signed)
// has its jti remembered until its exp, so validation refuses it from then on.
//
//   LATCHKEY_CHECK(revocation.revoke(check));   // 200 for an unknown token too (§2.2)

#include <optional>
#include <string>

#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/jwt/revoked_access_tokens.hpp"
#include "services/jwt/token_service.hpp"
#include "services/oauth/client_authenticator.hpp"
#include "services/refresh/refresh_token_service.hpp"

namespace latchkey::services {

class TokenRevocation {
 public:
  TokenRevocation(const ConfigCache& config, const ClientAuthenticator& clients,
                  const TokenService& tokens, RefreshTokenService& refresh_tokens,
                  RevokedAccessTokens& revoked_access_tokens)
      : config_(config),
        clients_(clients),
        tokens_(tokens),
        refresh_tokens_(refresh_tokens),
        revoked_access_tokens_(revoked_access_tokens) {}

  Status revoke(const OAuthTokenCheck& request);

 private:
  Status revoke_refresh_token(const domain::RefreshToken& record,
                              const domain::Application& application,
                              const std::optional<std::string>& ip_address);
  Status revoke_access_token(const json::object& claims, const domain::Application& application);

  const ConfigCache& config_;
  const ClientAuthenticator& clients_;
  const TokenService& tokens_;
  RefreshTokenService& refresh_tokens_;
  RevokedAccessTokens& revoked_access_tokens_;
};

}  // namespace latchkey::services
