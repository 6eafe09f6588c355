#pragma once
// The hosted login's SSO sessions (the lk_sso cookie; only its keyed hash is stored), whether a
// session is recent enough for max_age, and GET /oauth2/logout (seed §3.2).
//
//   if (const auto session = sessions.find(cookie)) ...
//   auto [cookie_value, session] = sessions.start(user);

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <concepts>
#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/refresh/refresh_token_service.hpp"

#include "store/oauth_grant_store.hpp"
#include "store/refresh_token_store.hpp"

namespace latchkey::services {

struct AuthorizeParams;

// The hosted login's SSO session (cookie value never stored, only its keyed hash).
struct SsoSession {
  std::string id_hash;
  Uuid session_id;
  Uuid user_id;
  Uuid tenant_id;
  Instant auth_time;
};

// The stores sessions read and write: the OAuth grants (a session is one) and the user's refresh
// tokens (logout revokes the ones issued through the session). Binds to any backend that
// implements both (store::Store in app/ and tests).
struct SsoSessionStores {
  store::OAuthGrantStore& grants;
  store::RefreshTokenStore& refresh_tokens;

  template <std::derived_from<store::OAuthGrantStore> Backend>
  SsoSessionStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : grants(backend), refresh_tokens(backend) {}
};

class SsoSessions {
 public:
  SsoSessions(SsoSessionStores store, const ConfigCache& config, const Clock& clock,
              const TokenVault& vault, RefreshTokenService& refresh_tokens)
      : store_(store),
        config_(config),
        clock_(clock),
        vault_(vault),
        refresh_tokens_(refresh_tokens) {}

  std::optional<SsoSession> find(std::string_view cookie_value) const;
  // Starts a session for `user`; answers the cookie value and the session.
  std::pair<std::string, SsoSession> start(const domain::User& user);
  void end(std::string_view cookie_value);
  // How long the SSO cookie lives (tenant httpSessionMaxInactiveInterval, default 1 hour).
  std::chrono::seconds lifetime(const Uuid& tenant_id) const;
  // OpenID Connect Core §3.1.2.1: whether the session's sign-in is recent enough for the
  // request's max_age (always, without one; never, for max_age=0).
  bool within_max_age(const SsoSession& session, const AuthorizeParams& params) const;

  // GET /oauth2/logout: ends the session and revokes the refresh tokens issued through it, each
  // raising jwt.refresh-token.revoke as every other revocation does (FusionAuth issue 465).
  void logout(std::string_view cookie_value, const std::optional<std::string>& ip_address);
  // GET /oauth2/logout: validates post_logout_redirect_uri and answers where to send the
  // browser (seed §3.2 precedence).
  Result<std::string> logout_location(const std::optional<std::string>& client_id,
                                      const std::optional<std::string>& post_logout_redirect_uri,
                                      const std::optional<std::string>& id_token_hint,
                                      const std::optional<std::string>& state) const;

 private:
  SsoSessionStores store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
  RefreshTokenService& refresh_tokens_;
};

}  // namespace latchkey::services
