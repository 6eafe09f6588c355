#pragma once
// Delivers the webhook outbox: a background thread takes due rows, sends them concurrently,
// deletes the delivered ones and reschedules the rest with exponential back-off until
// DeliveryPolicy::max_attempts, when a row is marked dead. At least once: a row is removed
// only after a 2xx, so a crash between the answer and the delete sends it again (with the
// same event.id, which receivers de-duplicate on). Rows left by a previous process are simply
// due: a restart picks them up.
//
//   WebhookDispatcher dispatcher(store, config, webhooks, transport, clock, policy, metrics, log);
//   dispatcher.start();          // App::serve
//   dispatcher.wake();           // after a commit wrote rows

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/token_vault.hpp"
#include "services/webhooks/webhook_delivery.hpp"
#include "services/webhooks/webhook_service.hpp"
#include "services/webhooks/webhook_transport.hpp"
#include "store/outbox_store.hpp"

namespace latchkey::services {

class WebhookDispatcher {
 public:
  WebhookDispatcher(store::OutboxStore& store, ConfigCache& config, WebhookService& webhooks,
                    WebhookTransport& transport, const TokenVault& vault, const Clock& clock,
                    DeliveryPolicy policy, DeliveryMetrics& metrics, DeliveryLog log);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void start();
  void stop();
  void wake();

  // One pass over the rows due now (at most policy.batch); answers how many were attempted
  // (rows of a webhook still backing off are skipped).
  // The thread calls it; tests call it directly with a fake clock and transport.
  std::size_t run_once();

 private:
  void loop();
  // When the earliest back-off of a failing webhook ends, if any is running.
  [[nodiscard]] std::optional<Instant> earliest_unblock() const;

  store::OutboxStore& store_;
  ConfigCache& config_;
  WebhookService& webhooks_;
  WebhookTransport& transport_;
  const TokenVault& vault_;
  const Clock& clock_;
  DeliveryPolicy policy_;
  DeliveryMetrics& metrics_;
  DeliveryLog log_;
  // Webhooks that failed, and until when their other rows wait (a circuit breaker in its
  // simplest form). Only the thread running run_once touches it; lost on restart, when every
  // due row is simply tried again.
  std::map<Uuid, Instant> blocked_until_;

  std::mutex mutex_;  // guards stop_ and woken_ only; never held while delivering
  std::condition_variable signal_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace latchkey::services
