#pragma once
// Webhooks, one document per row (store/migrations/0006_webhooks_outbox.sql). Each call is
// atomic on its own; concurrent writers of one webhook leave the last write. Deliveries wait in
// the outbox (store/outbox_store.hpp), not here.
//
//   for (const auto& webhook : webhooks.list_webhooks()) { ... }

#include <optional>
#include <vector>

#include "domain/records.hpp"
#include "store/write_result.hpp"

namespace latchkey::store {

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;
  virtual std::vector<domain::Webhook> list_webhooks() = 0;
  virtual std::optional<domain::Webhook> find_webhook(const Uuid& id) = 0;
  virtual WriteResult insert_webhook(const domain::Webhook& webhook) = 0;
  virtual WriteResult update_webhook(const domain::Webhook& webhook) = 0;
  virtual bool delete_webhook(const Uuid& id) = 0;
};

}  // namespace latchkey::store
