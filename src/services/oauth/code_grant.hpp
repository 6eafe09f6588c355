#pragma once
// grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636): the code is the client's, the
// redirect URI the authorization request's, the PKCE verifier matches; the code is redeemed once,
// and a replay revokes what its first exchange issued (§4.1.2).
//
//   LATCHKEY_TRY(const auto code, code_grant.redeemable(request.code));
//   return code_grant.exchange(request, snapshot, application, authenticated, code);

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/oauth/authorization_codes.hpp"
#include "services/oauth/token_issuer.hpp"
#include "services/oauth/token_request.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/store.hpp"

namespace latchkey::services {

class CodeGrant {
 public:
  CodeGrant(const Clock& clock, store::UserStore& users, store::RegistrationStore& registrations,
            store::RefreshTokenStore& refresh_token_store, AuthorizationCodes& codes,
            TokenIssuer& issuer, RefreshTokenService& refresh_tokens)
      : clock_(clock),
        users_(users),
        registrations_(registrations),
        refresh_token_store_(refresh_token_store),
        codes_(codes),
        issuer_(issuer),
        refresh_tokens_(refresh_tokens) {}

  // The unexpired code the request names; a used one is refused as a replay. Checked before the
  // client authenticates, since whether it must can depend on the code's PKCE.
  Result<store::OAuthGrant> redeemable(const std::optional<std::string>& code);
  // The rest of the grant for the identified client.
  Result<json::object> exchange(const OAuthTokenRequest& request, const ConfigSnapshot& snapshot,
                                const domain::Application& application, bool authenticated,
                                const store::OAuthGrant& code);

 private:
  Status refuse_replay(const store::OAuthGrant& code);

  const Clock& clock_;
  store::UserStore& users_;
  store::RegistrationStore& registrations_;
  store::RefreshTokenStore& refresh_token_store_;
  AuthorizationCodes& codes_;
  TokenIssuer& issuer_;
  RefreshTokenService& refresh_tokens_;
};

}  // namespace latchkey::services
