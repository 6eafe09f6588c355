#pragma once
// The refresh-token rules as pure functions of the effective settings and the time, so every
// policy is unit-tested against a FakeClock without a database (spec/tenants-applications.md,
// jwtConfiguration.refreshToken*).
//
//   if (refresh_token_expired(settings, token.insert_instant, token.start_instant, now)) ...;
//   const Instant start = start_after_exchange(settings, token.start_instant, now);

#include <chrono>

#include "core/clock.hpp"
#include "domain/jwt_settings.hpp"

namespace latchkey::domain {

// Fixed: start + TTL. SlidingWindow: the same, but every exchange moves start to now.
// SlidingWindowWithMaximumLifetime: sliding, never past insert + maximumTimeToLiveInMinutes.
Instant refresh_token_expiry(const JwtSettings& settings, Instant insert_instant,
                             Instant start_instant);
bool refresh_token_expired(const JwtSettings& settings, Instant insert_instant,
                           Instant start_instant, Instant now);

// The startInstant after an exchange at `now`: unchanged under Fixed (one-time use does not
// extend a fixed lifetime), `now` under both sliding policies.
Instant start_after_exchange(const JwtSettings& settings, Instant start_instant, Instant now);

// OneTimeUse: every exchange returns a new value and kills the presented one.
bool rotates_on_exchange(const JwtSettings& settings);

// A rotated value presented again less than this long after its rotation is taken for a
// concurrent duplicate of the exchange that rotated it (two tabs, a client retry racing its
// own request), not for a replay: it is refused but does not revoke the token.
// Security: a thief replaying within this window gains nothing (400); past it, reuse revokes.
inline constexpr std::chrono::seconds kConcurrentDuplicateWindow{2};

// What presenting an already rotated one-time-use value means.
enum class ReplayVerdict {
  kGraceSuccessor,       // inside gracePeriodInSeconds and the current value's parent: answer
                         // with the same successor, mint nothing
  kConcurrentDuplicate,  // refuse (400) and change nothing
  kReuse,                // a replay after its window: refuse, and revoke when the policy says so
};

// `latest`: the presented value is the immediate predecessor of the current value.
ReplayVerdict judge_replay(const JwtSettings& settings, Instant rotated_at, bool latest,
                           Instant now);

enum class RevocationReason { kPasswordChanged, kLoginPrevented, kOneTimeTokenReuse };

// refreshTokenRevocationPolicy.onPasswordChanged / onLoginPrevented / onOneTimeTokenReuse.
bool revokes_on(const JwtSettings& settings, RevocationReason reason);

std::string_view to_string(RevocationReason reason);

}  // namespace latchkey::domain
