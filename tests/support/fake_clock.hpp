#pragma once
// A Clock the test moves by hand, so time-dependent rules are tested without sleeping.

#include "core/clock.hpp"

namespace latchkey::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start = from_epoch_ms(1'700'000'000'000)) : now_(start) {}
  [[nodiscard]] Instant now() const override { return now_; }
  void advance(std::chrono::milliseconds by) { now_ += by; }
  void set(Instant instant) { now_ = instant; }

 private:
  Instant now_;
};

}  // namespace latchkey::testing
