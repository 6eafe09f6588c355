#include "services/webhooks/webhook_event_sink.hpp"

#include "crypto/random.hpp"
#include "services/webhooks/webhook_call.hpp"
#include "services/webhooks/webhook_rules.hpp"

namespace latchkey::services {

Error webhook_transaction_error() {
  return Error::general(HttpStatus::kGatewayTimeout, "[WebhookTransactionException]",
                        "One or more webhooks returned an invalid response or were unreachable. "
                        "Based on your transaction configuration, your action cannot be "
                        "completed.");
}

namespace {

std::string outbox_row_binding(const store::OutboxEntry& entry) {
  return "webhook-outbox:" + entry.event_id + ":" + entry.webhook_id.str();
}

}  // namespace

std::string seal_outbox_body(const TokenVault& vault, const store::OutboxEntry& entry,
                             std::string_view body) {
  return vault.seal(body, outbox_row_binding(entry));
}

std::optional<std::string> open_outbox_body(const TokenVault& vault,
                                            const store::OutboxEntry& entry) {
  return vault.open(entry.body, outbox_row_binding(entry));
}

json::object complete_event(json::object event, const Uuid& tenant_id, Instant now) {
  if (!event.contains("id")) event["id"] = crypto::random_uuid().str();
  if (!event.contains("createInstant")) event["createInstant"] = to_epoch_ms(now);
  if (!event.contains("tenantId")) event["tenantId"] = tenant_id.str();
  return event;
}

WebhookEventSink::WebhookEventSink(WebhookEventStores store, ConfigCache& config,
                                   WebhookService& webhooks, WebhookTransport& transport,
                                   const TokenVault& vault, const Clock& clock,
                                   DeliveryPolicy policy, DeliveryMetrics& metrics, DeliveryLog log,
                                   std::function<void()> wake)
    : store_(store),
      config_(config),
      webhooks_(webhooks),
      transport_(transport),
      vault_(vault),
      clock_(clock),
      policy_(policy),
      metrics_(metrics),
      log_(std::move(log)),
      wake_(std::move(wake)) {}

Status WebhookEventSink::raise(const Uuid& tenant_id, const json::object& event) {
  LATCHKEY_TRY(auto prepared, prepare(tenant_id, event));
  enqueue(std::move(prepared));
  return {};
}

Result<PreparedEvent> WebhookEventSink::prepare(const Uuid& tenant_id, const json::object& raised) {
  const std::string type = json::get_string(raised, "type").value_or("");
  const auto snapshot = config_.current();
  const auto* tenant = snapshot->find_tenant(tenant_id);
  static const json::object kNoTenant;
  const json::object& tenant_doc = tenant != nullptr ? tenant->data : kNoTenant;
  if (type.empty() || !tenant_enables(tenant_doc, type)) return PreparedEvent{};
  const auto webhooks = webhooks_.current();
  std::vector<const domain::Webhook*> targets;
  for (const auto& webhook : *webhooks) {
    if (receives(webhook.data, tenant_id, type)) targets.push_back(&webhook);
  }
  if (targets.empty()) return PreparedEvent{};

  const Instant now = clock_.now();
  const json::object event = complete_event(raised, tenant_id, now);
  const std::string event_id = json::get_string(event, "id").value_or("");
  // The exact bytes every attempt sends, and the signature covers.
  const std::string body = json::serialize(json::object{{"event", event}});
  PreparedEvent prepared;
  auto owe = [&](const domain::Webhook& webhook, int attempts, Instant due,
                 std::optional<std::string> error) {
    store::OutboxEntry entry{webhook.id, event_id, type, {}, attempts, due, std::move(error)};
    entry.body = seal_outbox_body(vault_, entry, body);
    prepared.deliveries.push_back(std::move(entry));
  };

  const TransactionType transaction = transaction_type(tenant_doc, type);
  if (transaction == TransactionType::kNone) {
    for (const auto* webhook : targets) owe(*webhook, 0, now, std::nullopt);
    return prepared;
  }
  // A transaction: ask every webhook now, concurrently, and let the answers decide.
  std::vector<WebhookCall> calls;
  std::vector<std::size_t> call_target;
  std::vector<WebhookCallResult> results(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto call = build_call(*targets[i], body, *snapshot);
    if (call) {
      calls.push_back(std::move(*call));
      call_target.push_back(i);
    } else {
      results[i] = WebhookCallResult{false, call.error()};
    }
  }
  const auto answers = transport_.send_all(calls);
  for (std::size_t k = 0; k < answers.size() && k < call_target.size(); ++k) {
    results[call_target[k]] = answers[k];
  }
  std::size_t succeeded = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (results[i].succeeded) {
      ++succeeded;
      metrics_.delivered.fetch_add(1, std::memory_order_relaxed);
    } else {
      metrics_.failed.fetch_add(1, std::memory_order_relaxed);
      if (log_) {
        log_("webhook " + targets[i]->id.str() + " failed transactional event " + type + " " +
             event_id + ": " + results[i].error);
      }
    }
  }
  if (!quorum_met(transaction, targets.size(), succeeded)) {
    // spec: no retries when the transaction fails; the change is abandoned.
    metrics_.refused.fetch_add(1, std::memory_order_relaxed);
    Error error = webhook_transaction_error();
    error.with_log_detail(type + " " + event_id + ": " + std::to_string(succeeded) + " of " +
                          std::to_string(targets.size()) + " webhooks succeeded");
    return fail(std::move(error));
  }
  // spec: once the transaction succeeded, the webhooks that failed are retried later.
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (results[i].succeeded) continue;
    owe(*targets[i], 1, now + retry_delay(1, policy_.retry_base, policy_.retry_cap),
        results[i].error);
  }
  return prepared;
}

void WebhookEventSink::enqueue(PreparedEvent prepared) {
  if (prepared.deliveries.empty()) return;
  store_.outbox.enqueue_outbox(prepared.deliveries, clock_.now());
  // Inside a unit of work the dispatcher is woken only once the rows are visible.
  if (wake_) store_.unit_of_work.after_commit(wake_);
}

}  // namespace latchkey::services
