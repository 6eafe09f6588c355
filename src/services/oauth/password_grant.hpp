#pragma once
// grant_type=password (RFC 6749 §4.3; seed §2.6): the credentials through the Login API's rules
// (LoginService), its outcome in OAuth's words, then the token response.
//
//   return password_grant.exchange(request, snapshot, application);

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/oauth/token_issuer.hpp"
#include "services/oauth/token_request.hpp"
#include "services/users/login_service.hpp"
#include "store/store.hpp"

namespace latchkey::services {

class PasswordGrant {
 public:
  PasswordGrant(const Clock& clock, store::UserStore& users, LoginService& login,
                TokenIssuer& issuer)
      : clock_(clock), users_(users), login_(login), issuer_(issuer) {}

  Result<json::object> exchange(const OAuthTokenRequest& request, const ConfigSnapshot& snapshot,
                                const domain::Application& application);

 private:
  const Clock& clock_;
  store::UserStore& users_;
  LoginService& login_;
  TokenIssuer& issuer_;
};

}  // namespace latchkey::services
