#pragma once
// GET /api/jwt/issue: a user holding a valid access token for one application gets one for
// another (seed "Issue a JWT"). Same expiration as the presented token; 202 and no application
// claims when the user is not registered; a refresh token only when a valid one was presented
// and the target application issues refresh tokens under the same expiration policy.

#include <optional>
#include <string>

#include "core/result.hpp"
#include "services/jwt/token_service.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/registration_store.hpp"

namespace latchkey::services {

struct JwtIssueOutcome {
  IssuedToken token;
  bool registered = false;
  std::optional<IssuedRefreshToken> refresh_token;
};

class JwtIssueService {
 public:
  JwtIssueService(store::RegistrationStore& store, const ConfigCache& config, const Clock& clock,
                  const TokenService& tokens, RefreshTokenService& refresh_tokens)
      : store_(store),
        config_(config),
        clock_(clock),
        tokens_(tokens),
        refresh_tokens_(refresh_tokens) {}

  // `presented` comes from TokenService::authenticate: a valid access token of a live user.
  Result<JwtIssueOutcome> issue(const AuthenticatedToken& presented,
                                const std::optional<std::string>& application_id,
                                const std::optional<std::string>& refresh_token);

 private:
  store::RegistrationStore& store_;
  const ConfigCache& config_;
  const Clock& clock_;
  const TokenService& tokens_;
  RefreshTokenService& refresh_tokens_;
};

}  // namespace latchkey::services
