#pragma once
// Refresh tokens: issuance from every login path, exchange (POST /api/jwt/refresh), retrieval
// and revocation, under the policies of domain/refresh_token_policy.hpp.
//
//   LATCHKEY_TRY(const auto issued, refresh_tokens.issue({.tenant = t, .application = a, ...}));
//   response["refreshToken"] = issued.value;   // shown once; only a hash and a sealed copy stay
//   LATCHKEY_TRY(const auto exchanged, refresh_tokens.exchange(caller, {.refresh_token = v}));
//
// Files: refresh_token_service.cpp (issue, lookups), refresh_token_exchange.cpp,
// refresh_token_revocation.cpp, refresh_token_retrieval.cpp.

#include <concepts>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/refresh_token_policy.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/events.hpp"
#include "services/common/token_vault.hpp"
#include "services/jwt/token_service.hpp"
#include "services/refresh/refresh_token_json.hpp"
#include "store/refresh_token_store.hpp"
#include "store/registration_store.hpp"
#include "store/unit_of_work.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

// The refresh-token policy is a pure rule of the settings (domain/refresh_token_policy.hpp);
// this service's API names its revocation reasons.
using domain::RevocationReason;

struct RefreshTokenRequest {
  const domain::Tenant* tenant = nullptr;
  const domain::Application* application = nullptr;
  const domain::User* user = nullptr;
  json::object device;  // metaData.device as the client sent it
  json::array scopes;
  std::optional<std::string> ip_address;
  // /api/jwt/issue: the new token shares the original's start, so it expires no later.
  std::optional<Instant> start_instant;
  // When the user authenticated (kept for auth_time across refreshes); defaults to now.
  std::optional<Instant> auth_time;
  // The hosted login's SSO session it was issued through (the id token's sid), so that
  // /oauth2/logout can revoke it with the session.
  std::optional<std::string> session_id = std::nullopt;
};

struct IssuedRefreshToken {
  std::string value;
  domain::RefreshToken record;
};

// POST /api/jwt/refresh, parsed.
struct RefreshExchangeRequest {
  std::string refresh_token;
  std::optional<std::string> previous_access_token;  // relayed as the event's `original`
  std::optional<std::int64_t> ttl_seconds;           // may only shorten the access token
  EventInfo info;
  // The OAuth refresh_token grant is governed by the application's enabledGrants, not by
  // loginConfiguration.allowTokenRefresh (which only gates POST /api/jwt/refresh).
  bool oauth_grant = false;
};

struct RefreshExchange {
  IssuedToken access_token;
  std::string refresh_token;  // the same value (Reusable) or its successor (OneTimeUse)
  domain::RefreshToken record;
  Instant refresh_expires;
};

// DELETE /api/jwt/refresh: exactly what the request named.
struct RevokeSelector {
  std::optional<Uuid> token_id;
  std::optional<std::string> token;
  std::optional<Uuid> user_id;
  std::optional<Uuid> application_id;
};

// A token as the retrieve API shows it, value revealed.
struct RefreshTokenView {
  domain::RefreshToken record;
  std::optional<std::string> value;
};

// The stores the refresh-token rules read and write.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct RefreshTokenStores {
  store::RefreshTokenStore& refresh_tokens;
  store::UserStore& users;
  store::RegistrationStore& registrations;
  store::UnitOfWork& unit_of_work;

  template <std::derived_from<store::RefreshTokenStore> Backend>
  RefreshTokenStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : refresh_tokens(backend), users(backend), registrations(backend), unit_of_work(backend) {}
};

class RefreshTokenService {
 public:
  // 48 random bytes: 64 url-safe characters, far beyond guessing.
  static constexpr std::size_t kTokenBytes = 48;

  RefreshTokenService(RefreshTokenStores store, const ConfigCache& config, const Clock& clock,
                      const TokenVault& vault, const TokenService& tokens, EventSink& events)
      : store_(store),
        config_(config),
        clock_(clock),
        vault_(vault),
        tokens_(tokens),
        events_(events) {}

  IssuedRefreshToken issue(const RefreshTokenRequest& request);
  // The live record behind a presented value, if any (no policy applied).
  std::optional<domain::RefreshToken> find_by_value(std::string_view value) const;
  // The value of a stored token, for the retrieve API.
  std::optional<std::string> reveal(const domain::RefreshToken& token) const;
  // When the token stops being usable under its application's (or tenant's) policy.
  Instant expires_at(const domain::RefreshToken& token) const;

  // Exchanges a refresh token for a new access token (seed "Refresh a JWT"). One conditional
  // write: of concurrent exchanges of one one-time-use value exactly one rotates it.
  Result<RefreshExchange> exchange(const Caller& caller, const RefreshExchangeRequest& request);

  // GET /api/jwt/refresh/{tokenId}: 404 when unknown, expired or not visible to the caller.
  Result<RefreshTokenView> retrieve(const Caller& caller, const Uuid& token_id) const;
  // GET /api/jwt/refresh?userId=: the user's unexpired tokens; 404 for an unknown user.
  Result<std::vector<RefreshTokenView>> retrieve_for_user(const Caller& caller,
                                                          const Uuid& user_id) const;

  // DELETE /api/jwt/refresh. `jwt_owner` is set when a JWT (not an API key) authenticated the
  // call: only one's own tokens, by id or value, may then be revoked.
  Status revoke(const Caller& caller, const std::optional<Uuid>& jwt_owner,
                const RevokeSelector& selector, const EventInfo& info);

  // refreshTokenRevocationPolicy: revokes the user's tokens whose (application's or tenant's)
  // policy asks for it on `reason` (password change, login prevented: lockout, deactivation).
  // Answers how many were revoked.
  Result<std::size_t> revoke_for_user(const Uuid& user_id, RevocationReason reason);

 private:
  struct Context;
  Result<Context> exchange_context(const Caller& caller, const domain::RefreshToken& token,
                                   Instant now, bool oauth_grant);
  Result<RefreshExchange> replay(const Caller& caller, const RefreshExchangeRequest& request,
                                 const std::string& presented_hash);
  Result<RefreshExchange> answer_with_current(const Context& context,
                                              const RefreshExchangeRequest& request);
  Result<IssuedToken> access_token_for(const Context& context, const domain::RefreshToken& token,
                                       const RefreshExchangeRequest& request) const;
  Status revoke_one(const domain::RefreshToken& token, const EventInfo& info,
                    const std::optional<RevocationReason>& reason);
  std::optional<domain::JwtSettings> settings_for(const domain::RefreshToken& token) const;
  bool visible(const Caller& caller, const domain::RefreshToken& token) const;

  RefreshTokenStores store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
  const TokenService& tokens_;
  EventSink& events_;
};

}  // namespace latchkey::services
