#pragma once
// The token endpoint's response body (seed Table 12) for a grant: the access token, the id
// token under `openid`, and a refresh token under `offline_access` when the application hands
// them out.
//
//   LATCHKEY_TRY(auto body, issuer.issue(grant));   // {access_token, expires_in, ...}

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/jwt/token_service.hpp"
#include "services/oauth/id_tokens.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/registration_store.hpp"

namespace latchkey::services {

class TokenIssuer {
 public:
  TokenIssuer(store::RegistrationStore& registrations, const ConfigCache& config,
              const Clock& clock, const TokenService& tokens, RefreshTokenService& refresh_tokens,
              const IdTokens& id_tokens)
      : registrations_(registrations),
        config_(config),
        clock_(clock),
        tokens_(tokens),
        refresh_tokens_(refresh_tokens),
        id_tokens_(id_tokens) {}

  Result<json::object> issue(const TokenGrant& in);

 private:
  store::RegistrationStore& registrations_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenService& tokens_;
  RefreshTokenService& refresh_tokens_;
  const IdTokens& id_tokens_;
};

}  // namespace latchkey::services
