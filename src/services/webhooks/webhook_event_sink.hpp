#pragma once
// The EventSink that delivers to webhooks (spec/webhooks-events.md). prepare() routes an event
// (tenant eventConfiguration + webhook eventsEnabled + global/tenantIds), calls the webhooks
// of a transactional event at once and refuses with 504 when too few agree; every other
// delivery becomes an outbox row, written by enqueue() inside the caller's transaction and
// sent by the WebhookDispatcher after the commit.

#include <concepts>
#include <functional>

#include "core/clock.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/events.hpp"
#include "services/common/token_vault.hpp"
#include "services/webhooks/webhook_delivery.hpp"
#include "services/webhooks/webhook_service.hpp"
#include "services/webhooks/webhook_transport.hpp"
#include "store/outbox_store.hpp"
#include "store/unit_of_work.hpp"

namespace latchkey::services {

// FusionAuth's answer when a transaction's webhooks did not agree.
Error webhook_transaction_error();

// The stores the event sink writes: the outbox, inside the caller's unit of work.
// Binds to any backend that implements them all (store::Store in app/ and tests).
struct WebhookEventStores {
  store::OutboxStore& outbox;
  store::UnitOfWork& unit_of_work;

  template <std::derived_from<store::OutboxStore> Backend>
  WebhookEventStores(Backend& backend)  // NOLINT(google-explicit-constructor): binds one backend
      : outbox(backend), unit_of_work(backend) {}
};

class WebhookEventSink final : public EventSink {
 public:
  WebhookEventSink(WebhookEventStores store, ConfigCache& config, WebhookService& webhooks,
                   WebhookTransport& transport, const TokenVault& vault, const Clock& clock,
                   DeliveryPolicy policy, DeliveryMetrics& metrics, DeliveryLog log,
                   std::function<void()> wake);

  Status raise(const Uuid& tenant_id, const json::object& event) override;
  Result<PreparedEvent> prepare(const Uuid& tenant_id, const json::object& raised) override;
  void enqueue(PreparedEvent prepared) override;

 private:
  WebhookEventStores store_;
  ConfigCache& config_;
  WebhookService& webhooks_;
  WebhookTransport& transport_;
  const TokenVault& vault_;
  const Clock& clock_;
  DeliveryPolicy policy_;
  DeliveryMetrics& metrics_;
  DeliveryLog log_;
  std::function<void()> wake_;
};

// Security: an outbox body carries bearer tokens (jwt.refresh holds the refresh token), so it
// is stored sealed with the token vault, bound to its event and webhook; only the dispatcher
// opens it, just before sending.
std::string seal_outbox_body(const TokenVault& vault, const store::OutboxEntry& entry,
                             std::string_view body);
std::optional<std::string> open_outbox_body(const TokenVault& vault,
                                            const store::OutboxEntry& entry);

// Completes an event's common members (spec: id, createInstant, tenantId) where the raiser
// left them out, so every delivery of it carries the same id.
json::object complete_event(json::object event, const Uuid& tenant_id, Instant now);

}  // namespace latchkey::services
