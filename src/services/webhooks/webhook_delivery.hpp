#pragma once
// What webhook delivery shares between the event sink (transactional calls) and the outbox
// dispatcher (everything else): the retry policy, the counters, the log line sink.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace latchkey::services {

struct DeliveryPolicy {
  std::chrono::milliseconds retry_base{1000};     // delay after the first failure, then doubled
  std::chrono::milliseconds retry_cap{300'000};   // longest delay between two attempts
  int max_attempts = 10;                          // then the delivery is dead
  std::chrono::milliseconds poll_interval{1000};  // outbox re-check when nobody wakes it
  std::size_t batch = 32;                         // deliveries sent concurrently per pass
  std::size_t per_webhook = 8;                    // of which at most this many to one webhook
};

// Process-wide delivery counters, exposed as text by GET /metrics.
struct DeliveryMetrics {
  std::atomic<std::uint64_t> delivered{0};  // attempts answered 2xx
  std::atomic<std::uint64_t> failed{0};     // attempts that failed (each retry counts)
  std::atomic<std::uint64_t> dead{0};       // deliveries given up on
  std::atomic<std::uint64_t> refused{0};    // changes refused by a transaction (504)
};

// Where delivery failures are reported (app/ routes it to the log). Lines carry ids, types
// and error kinds only: never bodies, tokens or credentials.
using DeliveryLog = std::function<void(const std::string&)>;

}  // namespace latchkey::services
