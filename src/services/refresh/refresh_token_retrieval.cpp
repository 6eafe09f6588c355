// GET /api/jwt/refresh (seed "Retrieve Refresh Tokens"): expired tokens are not shown, as
// FusionAuth filters them out.
#include "services/refresh/refresh_token_service.hpp"

namespace latchkey::services {

Result<RefreshTokenView> RefreshTokenService::retrieve(const Caller& caller,
                                                       const Uuid& token_id) const {
  auto token = store_.refresh_tokens.find_refresh_token(token_id);
  if (!token || !visible(caller, *token) || expires_at(*token) <= clock_.now()) {
    return fail(Error::status(HttpStatus::kNotFound, "no such live refresh token"));
  }
  auto value = reveal(*token);
  return RefreshTokenView{std::move(*token), std::move(value)};
}

Result<std::vector<RefreshTokenView>> RefreshTokenService::retrieve_for_user(
    const Caller& caller, const Uuid& user_id) const {
  const auto user = store_.users.find_user(user_id);
  if (!user || !caller.can_see(user->tenant_id)) {
    return fail(Error::status(HttpStatus::kNotFound, "no such user"));
  }
  const Instant now = clock_.now();
  std::vector<RefreshTokenView> views;
  for (auto& token : store_.refresh_tokens.list_refresh_tokens(user_id)) {
    if (expires_at(token) <= now) continue;
    auto value = reveal(token);
    views.push_back({std::move(token), std::move(value)});
  }
  return views;
}

}  // namespace latchkey::services
