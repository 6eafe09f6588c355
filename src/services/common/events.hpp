#pragma once
// Events Latchkey raises (jwt.refresh, jwt.refresh-token.revoke, user.login.success, ...), in
// FusionAuth's event JSON. Services raise them through an EventSink; delivery to webhooks (and
// its transaction rules) is the sink's business, so services stay unaware of HTTP.
//
//   events.raise(tenant_id, json::object{{"type", "user.login.failed"}, ...});   // simple path
//
// A change that must commit together with its event's deliveries uses the two phases:
//
//   LATCHKEY_TRY(auto prepared, events.prepare(tenant_id, event));  // transactional webhooks
//   store.in_transaction([&] { write(); events.enqueue(std::move(prepared)); return true; });

#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"
#include "store/outbox_store.hpp"

namespace latchkey::services {

// An event whose transactional webhooks (if any) have agreed, with the deliveries still owed:
// outbox rows to write in the same transaction as the change.
struct PreparedEvent {
  std::vector<store::OutboxEntry> deliveries;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Raises `event` (the object under "event" in a webhook body) for `tenant_id`: prepare, then
  // enqueue (joining the caller's unit of work if one is open). A transactional sink may
  // refuse, and the caller must then abandon its change (504 in FusionAuth).
  virtual Status raise(const Uuid& tenant_id, const json::object& event) = 0;

  // Phase one: routes the event and calls its transactional webhooks, blocking up to their
  // timeouts. Call it outside any transaction: a refusal means the change must not happen.
  virtual Result<PreparedEvent> prepare(const Uuid& tenant_id, const json::object& event) {
    LATCHKEY_CHECK(raise(tenant_id, event));
    return PreparedEvent{};
  }
  // Phase two: writes the owed deliveries; inside the caller's unit of work they commit (and
  // are delivered) only with its change.
  // By value: an override takes the deliveries over (moves them into the outbox).
  virtual void enqueue(PreparedEvent) {}  // NOLINT(performance-unnecessary-value-param)
};

// Events are accepted and dropped (tests and tools that do not deliver).
class DiscardingEventSink final : public EventSink {
 public:
  Status raise(const Uuid&, const json::object&) override { return {}; }
};

}  // namespace latchkey::services
