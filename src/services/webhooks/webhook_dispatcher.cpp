#include "services/webhooks/webhook_dispatcher.hpp"

#include <algorithm>
#include <map>

#include "services/webhooks/webhook_call.hpp"
#include "services/webhooks/webhook_event_sink.hpp"
#include "services/webhooks/webhook_rules.hpp"

namespace latchkey::services {

WebhookDispatcher::WebhookDispatcher(store::OutboxStore& store, ConfigCache& config,
                                     WebhookService& webhooks, WebhookTransport& transport,
                                     const TokenVault& vault, const Clock& clock,
                                     DeliveryPolicy policy, DeliveryMetrics& metrics,
                                     DeliveryLog log)
    : store_(store),
      config_(config),
      webhooks_(webhooks),
      transport_(transport),
      vault_(vault),
      clock_(clock),
      policy_(policy),
      metrics_(metrics),
      log_(std::move(log)) {}

WebhookDispatcher::~WebhookDispatcher() { stop(); }

void WebhookDispatcher::start() {
  if (thread_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void WebhookDispatcher::stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  signal_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookDispatcher::wake() {
  {
    const std::lock_guard lock(mutex_);
    woken_ = true;
  }
  signal_.notify_all();
}

std::size_t WebhookDispatcher::run_once() {
  const Instant now = clock_.now();
  const auto rows = store_.due_outbox(now, policy_.batch, policy_.per_webhook);
  if (rows.empty()) return 0;
  const auto snapshot = config_.current();
  const auto webhooks = webhooks_.current();

  std::vector<WebhookCall> calls;
  std::vector<const store::OutboxRow*> sent;
  std::erase_if(blocked_until_, [&](const auto& entry) { return entry.second <= now; });
  std::size_t attempted = 0;
  auto failed = [&](const store::OutboxRow& row, const std::string& error) {
    const int attempts = row.entry.attempts + 1;
    metrics_.failed.fetch_add(1, std::memory_order_relaxed);
    const std::string what = "webhook " + row.entry.webhook_id.str() + " event " +
                             row.entry.event_type + " " + row.entry.event_id + " attempt " +
                             std::to_string(attempts) + ": " + error;
    if (attempts >= policy_.max_attempts) {
      store_.bury_outbox(row.id, attempts, error);
      metrics_.dead.fetch_add(1, std::memory_order_relaxed);
      if (log_) log_(what + "; giving up, delivery marked dead");
      return;
    }
    const auto delay = retry_delay(attempts, policy_.retry_base, policy_.retry_cap);
    store_.reschedule_outbox(row.id, attempts, now + delay, error);
    auto [slot, fresh] = blocked_until_.try_emplace(row.entry.webhook_id, now + delay);
    if (!fresh) slot->second = std::min(slot->second, now + delay);
    if (log_) log_(what + "; retrying in " + std::to_string(delay.count()) + " ms");
  };
  for (const auto& row : rows) {
    // A receiver that just failed is not tried again with its whole backlog: its rows wait
    // for its back-off, and the pass stays free for healthy webhooks.
    if (blocked_until_.contains(row.entry.webhook_id)) continue;
    ++attempted;
    const auto* webhook = webhooks_.find(*webhooks, row.entry.webhook_id);
    if (webhook == nullptr) {
      // Deleted since the event: there is nowhere to send it, now or later.
      store_.bury_outbox(row.id, row.entry.attempts, "the webhook was deleted");
      metrics_.dead.fetch_add(1, std::memory_order_relaxed);
      if (log_)
        log_("webhook " + row.entry.webhook_id.str() + " deleted; event " + row.entry.event_id +
             " dropped");
      continue;
    }
    auto body = open_outbox_body(vault_, row.entry);
    if (!body) {
      // Another token key, or a tampered row: it can never be sent as it was raised.
      store_.bury_outbox(row.id, row.entry.attempts, "the sealed body does not open");
      metrics_.dead.fetch_add(1, std::memory_order_relaxed);
      if (log_)
        log_("event " + row.entry.event_id + " for webhook " + row.entry.webhook_id.str() +
             " does not open; dropped");
      continue;
    }
    auto call = build_call(*webhook, std::move(*body), *snapshot);
    if (!call) {
      failed(row, call.error());
      continue;
    }
    calls.push_back(std::move(*call));
    sent.push_back(&row);
  }
  const auto results = transport_.send_all(calls);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const auto& row = *sent[i];
    if (i < results.size() && results[i].succeeded) {
      store_.delete_outbox(row.id);
      metrics_.delivered.fetch_add(1, std::memory_order_relaxed);
    } else {
      failed(row, i < results.size() ? results[i].error : "no answer");
    }
  }
  return attempted;
}

std::optional<Instant> WebhookDispatcher::earliest_unblock() const {
  std::optional<Instant> earliest;
  for (const auto& [id, until] : blocked_until_) {
    if (!earliest || until < *earliest) earliest = until;
  }
  return earliest;
}

void WebhookDispatcher::loop() {
  for (;;) {
    std::size_t attempted = 0;
    std::optional<Instant> next_due;
    try {
      attempted = run_once();
      if (attempted == 0) {
        next_due = store_.next_outbox_due();
        // Due rows that all belong to blocked webhooks: sleep until a block ends.
        if (next_due && *next_due <= clock_.now()) next_due = earliest_unblock();
      }
    } catch (const std::exception& error) {
      if (log_) log_(std::string("webhook dispatcher pass failed: ") + error.what());
    }
    std::unique_lock lock(mutex_);
    if (stop_) return;
    if (attempted > 0 && !woken_) continue;  // more may be due at once
    auto wait = policy_.poll_interval;
    if (next_due) {
      const auto until =
          std::chrono::duration_cast<std::chrono::milliseconds>(*next_due - clock_.now());
      wait = std::clamp(until, std::chrono::milliseconds(0), policy_.poll_interval);
    }
    signal_.wait_for(lock, wait, [this] { return stop_ || woken_; });
    woken_ = false;
    if (stop_) return;
  }
}

}  // namespace latchkey::services
