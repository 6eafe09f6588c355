#pragma once
// The range of every configured lifetime (jwtConfiguration.timeToLiveInSeconds, ...InMinutes,
// externalIdentifierConfiguration.*TimeToLiveInSeconds, the vend request's
// timeToLiveInSeconds): FusionAuth reads each into a Java int, so 1 .. 2^31 - 1 is what it can
// hold and what Latchkey accepts. The largest, in minutes, ends in the year ~6100: every sum
// on an instant stays far inside an int64 of milliseconds.
//
//   if (!ttl_in_range(*seconds)) validation.add(field, "[invalid]" + field, ...);

#include <cstdint>

namespace latchkey::domain {

inline constexpr std::int64_t kMinTimeToLive = 1;
inline constexpr std::int64_t kMaxTimeToLive = 2'147'483'647;

constexpr bool ttl_in_range(std::int64_t value) {
  return value >= kMinTimeToLive && value <= kMaxTimeToLive;
}

}  // namespace latchkey::domain
