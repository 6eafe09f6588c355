#pragma once
// Pure rules of event delivery (spec/webhooks-events.md): who receives an event, whether a
// transactional event's change may commit, and when a failed delivery is tried again.
//
//   if (tenant_enables(tenant.data, type) && receives(webhook.data, tenant.id, type)) ...
//   if (!quorum_met(transaction_type(tenant.data, type), n, succeeded)) -> 504

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include "core/json.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

// FusionAuth's TransactionType.
enum class TransactionType { kNone, kAny, kSimpleMajority, kSuperMajority, kAbsoluteMajority };

std::optional<TransactionType> parse_transaction_type(std::string_view text);

// Events raised outside any tenant's configuration (audit-log.create, event-log.create,
// kickstart.success): the tenant's eventConfiguration does not gate them.
bool is_system_event(std::string_view type);

// Events whose originating change waits for the webhooks (documented as transactional);
// every other event is delivered as if transactionType were None.
bool is_transactional_event(std::string_view type);

// tenant.eventConfiguration.events[type].enabled (system events: always).
bool tenant_enables(const json::object& tenant, std::string_view type);

// The tenant's transactionType for `type`; None for a non-transactional event or when unset.
TransactionType transaction_type(const json::object& tenant, std::string_view type);

// webhook.eventsEnabled[type] and (webhook.global or tenant in webhook.tenantIds).
bool receives(const json::object& webhook, const Uuid& tenant_id, std::string_view type);

// Whether `succeeded` of `total` webhooks answering 2xx lets the change commit. With no
// webhook to ask there is nobody to refuse, so the change commits.
bool quorum_met(TransactionType type, std::size_t total, std::size_t succeeded);

// Security (SSRF): whether an absolute http(s) URL's host is one a webhook may not target
// unless the operator allows it: an IP literal in any spelling a resolver accepts (0x7f.1,
// 2130706433, [::ffff:127.0.0.1]) that is loopback, private, link-local or otherwise
// non-public, or "localhost" and its subdomains (RFC 6761 §6.3). Other names are checked
// where they are resolved, when the webhook is called (http/outbound_client.hpp).
bool targets_non_public_host(std::string_view url);

// How long to wait after the `attempts_made`-th failed attempt: base, 2 x base, 4 x base...,
// never more than `cap`.
std::chrono::milliseconds retry_delay(int attempts_made, std::chrono::milliseconds base,
                                      std::chrono::milliseconds cap);

}  // namespace latchkey::services
