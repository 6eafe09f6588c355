#pragma once
// Issues and validates Latchkey's own access tokens (spec/jwt-claims.md) and vends free-form
// ones. Validation reads only the in-memory key snapshot: it never touches the database.
//
//   LATCHKEY_TRY(const auto issued, tokens.issue_access_token({.tenant = t, .user = u, ...}));
//   LATCHKEY_TRY(const auto claims, tokens.validate(bearer));   // 401 on any failure

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/config_cache.hpp"
#include "services/revoked_access_tokens.hpp"

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

class TokenService {
 public:
  TokenService(const ConfigCache& config, const Clock& clock, const RevokedAccessTokens& revoked)
      : config_(config), clock_(clock), revoked_(revoked) {}

  Result<IssuedToken> issue_access_token(const AccessTokenRequest& request) const;
  // POST /api/jwt/vend: the caller's claims minus exp/iat, plus a jti, signed with `key_id` or
  // the tenant's access-token key.
  Result<IssuedToken> vend(const domain::Tenant& tenant, json::object claims,
                           const std::optional<std::string>& key_id,
                           const std::optional<std::int64_t>& ttl_seconds) const;
  // Verifies a token signed by any Key Master key: signature bound to the key's algorithm,
  // exp/nbf with no leeway, jti not revoked (POST /oauth2/revoke). Any failure is 401 with an
  // empty body.
  Result<json::object> validate(std::string_view token) const;

 private:
  const ConfigCache& config_;
  const Clock& clock_;
  const RevokedAccessTokens& revoked_;
};

}  // namespace latchkey::services
