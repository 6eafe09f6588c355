#pragma once
// The webhook outbox (store/migrations/0006): one row per delivery of one event to one webhook.
// enqueue_outbox joins the calling thread's unit of work (store/unit_of_work.hpp) when one is
// open, so the rows commit with the change that raised their event, or not at all; otherwise
// it writes all the rows or none. One dispatcher drains the outbox: the calls below are not
// claims, so two dispatchers on one database would both deliver a due row.
//
//   outbox.enqueue_outbox(prepared.deliveries, now);    // inside in_transaction(...)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/uuid.hpp"

namespace latchkey::store {

// One delivery of one event to one webhook, waiting in the outbox (store/migrations/0006).
struct OutboxEntry {
  Uuid webhook_id;
  std::string event_id;
  std::string event_type;
  std::string body;  // the exact bytes every attempt sends
  int attempts = 0;  // attempts already made (a failed transactional call counts as one)
  Instant next_attempt_at;
  std::optional<std::string> last_error;
};

struct OutboxRow {
  std::int64_t id;
  OutboxEntry entry;
};

struct OutboxCounts {
  std::size_t pending = 0;
  std::size_t dead = 0;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  virtual void enqueue_outbox(const std::vector<OutboxEntry>& entries, Instant now) = 0;
  // Pending rows due at `now`, oldest first, at most `limit`, and at most `per_webhook` of any
  // one webhook (so one receiver's backlog cannot fill a whole pass).
  virtual std::vector<OutboxRow> due_outbox(Instant now, std::size_t limit,
                                            std::size_t per_webhook) = 0;
  // When the earliest pending row falls due; nothing when the outbox is empty.
  virtual std::optional<Instant> next_outbox_due() = 0;
  virtual void delete_outbox(std::int64_t id) = 0;
  virtual void reschedule_outbox(std::int64_t id, int attempts, Instant next_attempt_at,
                                 const std::string& error) = 0;
  virtual void bury_outbox(std::int64_t id, int attempts, const std::string& error) = 0;
  virtual OutboxCounts count_outbox() = 0;
};

}  // namespace latchkey::store
