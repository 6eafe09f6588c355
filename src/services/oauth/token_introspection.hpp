#pragma once
// POST /oauth2/introspect (RFC 7662; seed Table 18): whether a token we signed is active, and
// its claims, for the client it was issued to. A client_credentials token needs no client
// (ClientCredentialsGrant::introspect).
//
//   LATCHKEY_TRY(const auto body, introspection.introspect(check));   // {"active": ...}

#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/jwt/token_service.hpp"
#include "services/oauth/client_authenticator.hpp"
#include "services/oauth/client_credentials_grant.hpp"

namespace latchkey::services {

class TokenIntrospection {
 public:
  TokenIntrospection(const ConfigCache& config, const ClientAuthenticator& clients,
                     const TokenService& tokens,
                     const ClientCredentialsGrant* client_credentials = nullptr)
      : config_(config),
        clients_(clients),
        tokens_(tokens),
        client_credentials_(client_credentials) {}

  Result<json::object> introspect(const OAuthTokenCheck& request) const;

 private:
  const ConfigCache& config_;
  const ClientAuthenticator& clients_;
  const TokenService& tokens_;
  const ClientCredentialsGrant* client_credentials_;
};

}  // namespace latchkey::services
