#pragma once
// grant_type=refresh_token (RFC 6749 §6; seed §2.7): the client's own refresh token exchanged
// under its policy, no scope beyond the token's, an id token again under `openid`.
//
//   return refresh_grant.exchange(request, snapshot, application);

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/oauth/id_tokens.hpp"
#include "services/oauth/token_request.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/store.hpp"

namespace latchkey::services {

class RefreshGrant {
 public:
  RefreshGrant(const Clock& clock, store::UserStore& users, RefreshTokenService& refresh_tokens,
               const IdTokens& id_tokens)
      : clock_(clock), users_(users), refresh_tokens_(refresh_tokens), id_tokens_(id_tokens) {}

  Result<json::object> exchange(const OAuthTokenRequest& request, const ConfigSnapshot& snapshot,
                                const domain::Application& application);

 private:
  const Clock& clock_;
  store::UserStore& users_;
  RefreshTokenService& refresh_tokens_;
  const IdTokens& id_tokens_;
};

}  // namespace latchkey::services
