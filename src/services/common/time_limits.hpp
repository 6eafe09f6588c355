#pragma once
// The bounds every lifetime and JWT time claim is kept within, so that no arithmetic on them
// can wrap (an Instant counts milliseconds in an int64).
//
//   if (!ttl_in_range(*seconds)) validation.add(field, "[invalid]" + field, ...);
//   const Instant expires = add_seconds(now, ttl);   // never past kLatestInstant

#include <chrono>
#include <cstdint>

#include "core/clock.hpp"
#include "domain/time_to_live.hpp"

namespace latchkey::services {

// The configured-lifetime range (1 .. 2^31 - 1, a Java int) is a settings rule: domain/.
using domain::kMaxTimeToLive;
using domain::kMinTimeToLive;
using domain::ttl_in_range;

// 9999-12-31T23:59:59Z: the latest NumericDate (exp, iat, nbf, auth_time) Latchkey reads or
// writes; anything later in a presented token makes it malformed.
inline constexpr std::int64_t kLatestNumericDate = 253'402'300'799;
inline constexpr Instant kLatestInstant = Instant(std::chrono::seconds(kLatestNumericDate));

// from + duration, saturating at kLatestInstant instead of overflowing; a negative or zero
// duration leaves `from` as it is (so an exp computed this way is never before its iat).
template <class Rep, class Period>
constexpr Instant add_saturating(Instant from, std::chrono::duration<Rep, Period> duration) {
  using Duration = std::chrono::duration<Rep, Period>;
  if (duration <= Duration::zero() || from >= kLatestInstant) return from;
  // Compared in the duration's own unit: converting a huge count of minutes to milliseconds is
  // exactly the overflow this avoids.
  if (duration >= std::chrono::duration_cast<Duration>(kLatestInstant - from)) {
    return kLatestInstant;
  }
  return from + std::chrono::duration_cast<Instant::duration>(duration);
}

}  // namespace latchkey::services
