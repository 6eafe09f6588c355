#pragma once
// Events Latchkey raises (jwt.refresh, jwt.refresh-token.revoke, user.login.success, ...), in
// FusionAuth's event JSON. Services raise them through an EventSink; delivery to webhooks (and
// its transaction rules) is the sink's business, so services stay unaware of HTTP.
//
//   events.raise(tenant_id, json::object{{"type", "jwt.refresh"}, ...});

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Raises `event` (the object under "event" in a webhook body) for `tenant_id`. A transactional
  // sink may refuse, and the caller must then abandon its change (504 in FusionAuth).
  virtual Status raise(const Uuid& tenant_id, const json::object& event) = 0;
};

// Until webhooks exist: events are accepted and dropped.
class DiscardingEventSink final : public EventSink {
 public:
  Status raise(const Uuid&, const json::object&) override { return {}; }
};

}  // namespace latchkey::services
