#include "domain/refresh_token_policy.hpp"

#include <algorithm>

namespace latchkey::domain {

Instant refresh_token_expiry(const JwtSettings& settings, Instant insert_instant,
                             Instant start_instant) {
  const Instant by_window = start_instant + settings.refresh_token_ttl;
  if (settings.expiration == RefreshExpiration::kSlidingWindowWithMaximumLifetime) {
    return std::min(by_window, insert_instant + settings.maximum_lifetime);
  }
  return by_window;
}

bool refresh_token_expired(const JwtSettings& settings, Instant insert_instant,
                           Instant start_instant, Instant now) {
  return now >= refresh_token_expiry(settings, insert_instant, start_instant);
}

Instant start_after_exchange(const JwtSettings& settings, Instant start_instant, Instant now) {
  return settings.expiration == RefreshExpiration::kFixed ? start_instant : now;
}

bool rotates_on_exchange(const JwtSettings& settings) {
  return settings.usage == RefreshUsage::kOneTimeUse;
}

ReplayVerdict judge_replay(const JwtSettings& settings, Instant rotated_at, bool latest,
                           Instant now) {
  const auto since_rotation = now - rotated_at;
  // gracePeriodInSeconds (1.55.1+): a retry with the previous value gets the current one. Only
  // the immediate predecessor qualifies: an older value's successor is itself already spent.
  if (latest && settings.grace_period.count() > 0 && since_rotation <= settings.grace_period) {
    return ReplayVerdict::kGraceSuccessor;
  }
  if (since_rotation <= kConcurrentDuplicateWindow) return ReplayVerdict::kConcurrentDuplicate;
  return ReplayVerdict::kReuse;
}

bool revokes_on(const JwtSettings& settings, RevocationReason reason) {
  switch (reason) {
    case RevocationReason::kPasswordChanged:
      return settings.revoke_on_password_change;
    case RevocationReason::kLoginPrevented:
      return settings.revoke_on_login_prevented;
    case RevocationReason::kOneTimeTokenReuse:
      return settings.revoke_on_one_time_token_reuse;
  }
  return true;
}

std::string_view to_string(RevocationReason reason) {
  switch (reason) {
    case RevocationReason::kPasswordChanged:
      return "PasswordChanged";
    case RevocationReason::kLoginPrevented:
      return "LoginPrevented";
    case RevocationReason::kOneTimeTokenReuse:
      return "OneTimeTokenReuse";
  }
  return "Unknown";
}

}  // namespace latchkey::domain
