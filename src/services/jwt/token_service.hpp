#pragma once
// Issues and validates Latchkey's own access tokens (spec/jwt-claims.md) and vends free-form
// ones. Validation reads only the in-memory key snapshot; authenticate() adds one user lookup.
//
//   LATCHKEY_TRY(const auto issued, tokens.issue_access_token({.tenant = t, .user = u, ...}));
//   LATCHKEY_TRY(const auto claims, tokens.validate(bearer));       // 401 on any failure
//   LATCHKEY_TRY(const auto caller, tokens.authenticate(bearer));   // ... and a live user

#include <concepts>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/config_cache.hpp"
#include "services/jwt/revoked_access_tokens.hpp"
#include "store/group_store.hpp"
#include "store/user_store.hpp"

namespace latchkey::services {

struct AccessTokenRequest {
  const domain::Tenant* tenant = nullptr;
  const domain::Application* application = nullptr;  // the token's audience, if any
  const domain::User* user = nullptr;
  const domain::Registration* registration = nullptr;  // set when registered for application
  std::string authentication_type;
  std::optional<std::string> sid;  // the refresh token issued with or used for this token
  std::optional<Instant> auth_time;
  std::optional<std::string> scope;
  std::optional<Instant> expires_no_later_than;  // /api/jwt/issue keeps the presented exp
};

struct IssuedToken {
  std::string token;
  Instant expires;
  json::object claims;
};

// A valid access token and the user it acts for.
struct AuthenticatedToken {
  json::object claims;
  domain::User user;
};

// A NumericDate claim Latchkey can compute with: an integer from 0 to kLatestNumericDate.
// Nothing when absent, of another type or out of that range.
std::optional<Instant> numeric_date_claim(const json::object& claims, std::string_view name);

// The stores token issuing and authenticate() read: users, and the group memberships whose
// application roles join a registered user's `roles` claim. Validation reads neither.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct TokenStores {
  store::UserStore& users;
  store::GroupStore& groups;

  template <std::derived_from<store::UserStore> Backend>
  TokenStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : users(backend), groups(backend) {}
};

class TokenService {
 public:
  TokenService(TokenStores stores, const ConfigCache& config, const Clock& clock,
               const RevokedAccessTokens& revoked)
      : store_(stores.users),
        groups_(stores.groups),
        config_(config),
        clock_(clock),
        revoked_(revoked) {}

  Result<IssuedToken> issue_access_token(const AccessTokenRequest& request) const;
  // POST /api/jwt/vend: the caller's claims minus exp/iat, plus a jti, signed with `key_id` or
  // the tenant's access-token key. `ttl_seconds` must be 1 .. kMaxTimeToLive.
  Result<IssuedToken> vend(const domain::Tenant& tenant, json::object claims,
                           const std::optional<std::string>& key_id,
                           const std::optional<std::int64_t>& ttl_seconds) const;

  // Security: accepts only an access token Latchkey signed (RFC 8725 §3.11-3.12):
  //  - its kid names a Key Master key whose private or secret part we hold; an imported
  //    public-only key (an External JWT partner's) verifies reconcile input, never our tokens;
  //  - its header says typ "JWT" (TokenType::kAccess): id tokens and webhook signatures, which
  //    carry no typ, are refused whatever key signed them;
  //  - exp is present, an integer, not past 9999 and not yet reached; iat, when present, is an
  //    integer no later than exp; nbf has passed; no clock leeway, as FusionAuth gives none;
  //  - its jti is not revoked (POST /oauth2/revoke).
  // Any failure is 401 with an empty body; why goes to the log detail.
  Result<json::object> validate(std::string_view token) const;

  // validate(), and the user the token acts for: `sub` names an existing, active user whose
  // tenant is the token's `tid` when it has one. Every endpoint that acts for the token's user
  // (userinfo, /api/jwt/issue, JWT-authenticated APIs) goes through this one check.
  Result<AuthenticatedToken> authenticate(std::string_view token) const;

  // Whether `token` is an access token Latchkey signed for `user_id`, expired or not (checked
  // like validate() otherwise, revocation aside): what /api/jwt/refresh may relay to webhooks
  // as the previous access token.
  bool is_previous_access_token(std::string_view token, const Uuid& user_id) const;

 private:
  json::array roles_claim(const domain::Application& application,
                          const domain::Registration& registration, const domain::User& user) const;
  Result<json::object> verify(std::string_view token, bool check_expiry) const;

  store::UserStore& store_;
  store::GroupStore& groups_;
  const ConfigCache& config_;
  const Clock& clock_;
  const RevokedAccessTokens& revoked_;
};

}  // namespace latchkey::services
