#pragma once
// Authorization codes (RFC 6749 §4.1.2): minted for an SSO session and an authorization
// request, kept as a keyed hash for 30 seconds (or the tenant's
// authorizationGrantIdTimeToLiveInSeconds), redeemed once by the token endpoint's code grant.
//
//   LATCHKEY_TRY(const auto location, codes.issue(params, session));   // redirect_uri?code=...

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/oauth/authorization_requests.hpp"
#include "services/oauth/sso_sessions.hpp"
#include "store/oauth_grant_store.hpp"

namespace latchkey::services {

class AuthorizationCodes {
 public:
  AuthorizationCodes(store::OAuthGrantStore& store, const ConfigCache& config, const Clock& clock,
                     const TokenVault& vault)
      : store_(store), config_(config), clock_(clock), vault_(vault) {}

  // Mints a single-use code for the session and answers the redirect location.
  Result<std::string> issue(const AuthorizeParams& params, const SsoSession& session);
  // An unexpired code (consumed or not), by its value.
  std::optional<store::OAuthGrant> find(std::string_view code) const;
  // The stored grant under this value, whatever its kind or age (after a lost consume race).
  std::optional<store::OAuthGrant> find_any(std::string_view code) const;
  // Marks the code used; false when a concurrent exchange won (one redeemer of a code).
  bool consume(std::string_view code);
  // The refresh token the code's exchange issued, so a replay can revoke it.
  void remember_refresh_token(std::string_view code, const json::object& data,
                              const json::value& refresh_token_id);

 private:
  store::OAuthGrantStore& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
};

}  // namespace latchkey::services
