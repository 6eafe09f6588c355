#pragma once
// Time is injected: services ask a Clock, tests hand them a FakeClock and never sleep.
//
//   const Instant now = clock.now();
//   json["insertInstant"] = to_epoch_ms(now);

#include <chrono>
#include <cstdint>

namespace latchkey {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// FusionAuth encodes every instant as milliseconds since the epoch.
constexpr std::int64_t to_epoch_ms(Instant instant) { return instant.time_since_epoch().count(); }
constexpr Instant from_epoch_ms(std::int64_t ms) { return Instant(std::chrono::milliseconds(ms)); }
constexpr std::int64_t to_epoch_seconds(Instant instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

}  // namespace latchkey
