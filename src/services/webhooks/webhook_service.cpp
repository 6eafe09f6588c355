#include "services/webhooks/webhook_service.hpp"

#include <algorithm>
#include <cctype>

#include "services/common/field_types.hpp"
#include "services/webhooks/webhook_rules.hpp"

namespace latchkey::services {
namespace {

Error not_found() { return Error::status(HttpStatus::kNotFound); }

// Webhooks are instance-wide objects: a tenant-locked key must not read (their credentials)
// or redirect another tenant's events.
Status require_global_caller(const Caller& caller) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(Error::status(HttpStatus::kUnauthorized, "webhooks need a key for all tenants"));
  }
  return {};
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// Security: an absolute http(s) URL with a host, no spaces or control characters. Anything
// else (file:, gopher:, a relative path) is refused here, and the client refuses it again.
bool valid_url(std::string_view url) {
  std::string_view rest;
  if (starts_with_ignoring_case(url, "https://")) {
    rest = url.substr(8);
  } else if (starts_with_ignoring_case(url, "http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (std::ranges::any_of(url, [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '\\';
      })) {
    return false;
  }
  const auto host_end = rest.find_first_of("/?#");
  const auto authority = rest.substr(0, host_end);
  const auto at = authority.rfind('@');
  const auto host = at == std::string_view::npos ? authority : authority.substr(at + 1);
  return !host.empty() && host.front() != ':';
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

void check_timeout(const json::object& webhook, std::string_view name, Validation& validation) {
  const std::string field = "webhook." + std::string(name);
  const auto* value = webhook.if_contains(name);
  if (value == nullptr || value->is_null()) {
    validation.add(field, "[blank]" + field, "You must specify the [" + field + "] property.");
  } else if (const auto ms = json::get_int(webhook, name); ms && *ms <= 0) {
    validation.add(field, "[invalid]" + field,
                   "The [" + field + "] property must be greater than 0.");
  }
}

Status validate(json::object& webhook, const ConfigSnapshot& config,
                const WebhookTargetPolicy& policy) {
  LATCHKEY_CHECK(require_field_types(webhook, "webhook", kWebhookFields));
  Validation validation;
  if (is_blank(webhook, "url")) {
    validation.add("webhook.url", "[blank]webhook.url",
                   "You must specify the [webhook.url] property.");
  } else if (!valid_url(json::get_string(webhook, "url").value_or(""))) {
    validation.add("webhook.url", "[invalid]webhook.url",
                   "The [webhook.url] property must be an absolute http or https URL.");
  } else if (!policy.allow_private_addresses &&
             targets_non_public_host(json::get_string(webhook, "url").value_or(""))) {
    // Security (SSRF): a webhook is a request Latchkey makes on an API caller's behalf; it
    // must not reach the host itself, its network or a cloud metadata service.
    validation.add("webhook.url", "[invalid]webhook.url",
                   "The [webhook.url] property must not name a loopback, private or link-local "
                   "address. An operator can allow it with --webhook-allow-private-addresses.");
  }
  check_timeout(webhook, "connectTimeout", validation);
  check_timeout(webhook, "readTimeout", validation);
  if (const auto* events = json::get_object(webhook, "eventsEnabled")) {
    for (const auto& [type, enabled] : *events) {
      if (!enabled.is_bool()) {
        const std::string field = "webhook.eventsEnabled";
        validation.add(field, "[invalid]" + field,
                       "The value for event [" + std::string(type) + "] must be a boolean.");
      }
    }
  }
  if (const auto* headers = json::get_object(webhook, "headers")) {
    for (const auto& [name, value] : *headers) {
      if (!value.is_string() || name.empty() || has_line_break(name) ||
          has_line_break(value.as_string())) {
        validation.add("webhook.headers", "[invalid]webhook.headers",
                       "Header [" + std::string(name) + "] must be a single-line string.");
      }
    }
  }
  if (const auto* tenants = json::get_array(webhook, "tenantIds")) {
    for (const auto& id : *tenants) {
      const auto tenant = Uuid::parse(id.as_string());
      if (!tenant || config.find_tenant(*tenant) == nullptr) {
        validation.add("webhook.tenantIds", "[invalid]webhook.tenantIds",
                       "The tenant [" + std::string(id.as_string()) + "] does not exist.");
      }
    }
  }
  if (json::get_bool(webhook, "signatureConfiguration.enabled").value_or(false)) {
    const std::string field = "webhook.signatureConfiguration.signingKeyId";
    const auto key_id = json::get_string(webhook, "signatureConfiguration.signingKeyId");
    const auto parsed = key_id.and_then(Uuid::parse);
    const auto* key = parsed ? config.find_key(*parsed) : nullptr;
    if (!key_id || key_id->empty()) {
      validation.add(field, "[missing]" + field,
                     "You must specify the [" + field + "] when signing is enabled.");
    } else if (key == nullptr || !key->key || !key->key->can_sign()) {
      validation.add(field, "[invalid]" + field,
                     "The [" + field + "] must name a Key Master key that can sign.");
    }
  }
  if (!is_blank(webhook, "sslCertificate") && !is_blank(webhook, "sslCertificateKeyId")) {
    validation.add(
        "webhook.sslCertificate", "[invalid]webhook.sslCertificate",
        "The [webhook.sslCertificate] is not allowed with [webhook.sslCertificateKeyId].");
  }
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

void apply_webhook_defaults(json::object& webhook) {
  json::set_default(webhook, "global", false);
  json::set_default(webhook, "eventsEnabled", json::object{});
  json::set_default(webhook, "headers", json::object{});
  json::set_default(webhook, "tenantIds", json::array{});
  json::set_default(webhook, "data", json::object{});
  auto& signature = json::ensure_object(webhook, "signatureConfiguration");
  json::set_default(signature, "enabled", false);
}

}  // namespace

WebhookService::WebhookService(store::WebhookStore& store, ConfigCache& config, const Clock& clock,
                               WebhookTargetPolicy policy)
    : store_(store), config_(config), clock_(clock), policy_(policy) {
  reload();
}

void WebhookService::reload() {
  const std::lock_guard lock(reload_mutex_);
  snapshot_.store(std::make_shared<const WebhookList>(store_.list_webhooks()),
                  std::memory_order_release);
}

const domain::Webhook* WebhookService::find(const WebhookList& list, const Uuid& id) const {
  const auto found = std::ranges::find(list, id, &domain::Webhook::id);
  return found == list.end() ? nullptr : &*found;
}

Result<domain::Webhook> WebhookService::create(const Caller& caller, const std::optional<Uuid>& id,
                                               json::object webhook) {
  LATCHKEY_CHECK(require_global_caller(caller));
  LATCHKEY_CHECK(validate(webhook, *config_.current(), policy_));
  apply_webhook_defaults(webhook);
  stamp_created(webhook, clock_.now());
  const Uuid chosen = choose_id(id);
  webhook["id"] = chosen.str();
  if (!store_.insert_webhook({chosen, webhook})) {
    return fail(Error::field(HttpStatus::kBadRequest, "webhookId", "[duplicate]webhookId",
                             "A Webhook with Id [" + chosen.str() + "] already exists."));
  }
  reload();
  return domain::Webhook{chosen, std::move(webhook)};
}

Result<domain::Webhook> WebhookService::retrieve(const Caller& caller, const Uuid& id) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  auto found = store_.find_webhook(id);
  if (!found) return fail(not_found());
  return std::move(*found);
}

Result<WebhookList> WebhookService::list(const Caller& caller) const {
  LATCHKEY_CHECK(require_global_caller(caller));
  return *current();
}

Result<domain::Webhook> WebhookService::update(const Caller& caller, const Uuid& id,
                                               json::object webhook) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  LATCHKEY_CHECK(validate(webhook, *config_.current(), policy_));
  apply_webhook_defaults(webhook);
  stamp_updated(webhook, existing.data, clock_.now(), {});
  webhook["id"] = id.str();
  if (!store_.update_webhook({id, webhook})) return fail(not_found());
  reload();
  return domain::Webhook{id, std::move(webhook)};
}

Result<domain::Webhook> WebhookService::patch(const Caller& caller, const Uuid& id,
                                              const json::object& patch, PatchStyle style) {
  LATCHKEY_TRY(const auto existing, retrieve(caller, id));
  return update(caller, id, patched(existing.data, patch, style));
}

Status WebhookService::remove(const Caller& caller, const Uuid& id) {
  LATCHKEY_CHECK(require_global_caller(caller));
  if (!store_.delete_webhook(id)) return fail(not_found());
  reload();
  return {};
}

}  // namespace latchkey::services
