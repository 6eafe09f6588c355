#pragma once
// The Webhook API's rules (spec/webhooks-events.md): required url and timeouts, http(s) only,
// typed fields, known tenants and signing keys; and the in-memory list of webhooks that event
// routing reads on every event without touching the database.
//
//   LATCHKEY_TRY(const auto webhook, webhooks.create(caller, path_id, body_webhook));
//   for (const auto& w : *webhooks.current()) ...

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/common/caller.hpp"
#include "services/common/config_cache.hpp"
#include "services/common/document_rules.hpp"
#include "store/webhook_store.hpp"

namespace latchkey::services {

using WebhookList = std::vector<domain::Webhook>;

// Which receivers a webhook URL may name (--webhook-allow-private-addresses).
struct WebhookTargetPolicy {
  bool allow_private_addresses = false;
};

class WebhookService {
 public:
  WebhookService(store::WebhookStore& store, ConfigCache& config, const Clock& clock,
                 WebhookTargetPolicy policy = {});

  Result<domain::Webhook> create(const Caller& caller, const std::optional<Uuid>& id,
                                 json::object webhook);
  Result<domain::Webhook> retrieve(const Caller& caller, const Uuid& id) const;
  Result<WebhookList> list(const Caller& caller) const;
  Result<domain::Webhook> update(const Caller& caller, const Uuid& id, json::object webhook);
  Result<domain::Webhook> patch(const Caller& caller, const Uuid& id, const json::object& patch,
                                PatchStyle style);
  Status remove(const Caller& caller, const Uuid& id);

  // Every webhook, as of the last write: a snapshot readers never lock.
  [[nodiscard]] std::shared_ptr<const WebhookList> current() const {
    return snapshot_.load(std::memory_order_acquire);
  }
  [[nodiscard]] const domain::Webhook* find(const WebhookList& list, const Uuid& id) const;

 private:
  void reload();

  store::WebhookStore& store_;
  ConfigCache& config_;
  const Clock& clock_;
  WebhookTargetPolicy policy_;
  std::mutex reload_mutex_;  // orders writers' reloads; readers never take it
  std::atomic<std::shared_ptr<const WebhookList>> snapshot_;
};

}  // namespace latchkey::services
