#pragma once
// Refresh tokens: issuance from every login path, and (see refresh_token_rules.hpp) the policies
// that govern their exchange, expiry and revocation.
//
//   LATCHKEY_TRY(const auto issued, refresh_tokens.issue({.tenant = t, .application = a, ...}));
//   response["refreshToken"] = issued.value;   // shown once; only a hash and a sealed copy stay

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/config_cache.hpp"
#include "services/events.hpp"
#include "services/token_service.hpp"
#include "services/token_vault.hpp"
#include "store/store.hpp"

namespace latchkey::services {

struct RefreshTokenRequest {
  const domain::Tenant* tenant = nullptr;
  const domain::Application* application = nullptr;
  const domain::User* user = nullptr;
  json::object device;  // metaData.device as the client sent it
  json::array scopes;
  std::optional<std::string> ip_address;
  // /api/jwt/issue: the new token shares the original's start, so it expires no later.
  std::optional<Instant> start_instant;
};

struct IssuedRefreshToken {
  std::string value;
  domain::RefreshToken record;
};

class RefreshTokenService {
 public:
  RefreshTokenService(store::Store& store, const ConfigCache& config, const Clock& clock,
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

 private:
  store::Store& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenVault& vault_;
  const TokenService& tokens_;
  EventSink& events_;
};

}  // namespace latchkey::services
