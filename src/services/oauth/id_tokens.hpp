#pragma once
// OpenID Connect id tokens (spec/jwt-claims.md): signed with the tenant's (or application's)
// id-token key, or a shadow HMAC key under the client secret, with at_hash, c_hash, nonce, sid.
//
//   LATCHKEY_TRY(auto id, id_tokens.sign(grant, access.token, access.expires));

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/records.hpp"
#include "services/common/config_cache.hpp"

namespace latchkey::services {

// What a grant hands out tokens for: who, to which client, with which scopes, and how and when
// they signed in. The token endpoint's grants fill it; IdTokens and TokenIssuer read it.
struct TokenGrant {
  const domain::Tenant* tenant;
  const domain::Application* application;
  const domain::User* user;
  std::vector<std::string> scopes;
  std::string authentication_type;
  Instant auth_time;
  std::optional<std::string> nonce;
  std::optional<std::string> session_id;
  std::optional<std::string> code;
  std::optional<std::string> device;
  std::optional<std::string> ip_address;
};

class IdTokens {
 public:
  IdTokens(const ConfigCache& config, const Clock& clock) : config_(config), clock_(clock) {}

  // The id token that goes with `access_token` (its at_hash) and expires with it.
  Result<std::string> sign(const TokenGrant& in, const std::string& access_token,
                           Instant expires) const;

 private:
  const ConfigCache& config_;
  const Clock& clock_;
};

}  // namespace latchkey::services
