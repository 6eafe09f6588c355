#include "api/webhook_handlers.hpp"

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

http::Response webhook_response(const domain::Webhook& webhook) {
  return http::Response::json(HttpStatus::kOk, json::object{{"webhook", webhook.data}});
}

void counter(std::string& out, std::string_view name, std::string_view help,
             std::string_view labels, std::uint64_t value) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += " counter\n";
  out += name;
  out += labels;
  out += ' ';
  out += std::to_string(value);
  out += '\n';
}

}  // namespace

Result<http::Response> create_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "webhookId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kWebhookRequest));
  LATCHKEY_TRY(auto webhook, envelope(body.json(), "webhook"));
  LATCHKEY_TRY(const auto created, services.webhooks.create(caller, id, std::move(webhook)));
  return webhook_response(created);
}

Result<http::Response> retrieve_webhooks(http::Request&, ApiServices& services,
                                         const services::Caller& caller) {
  LATCHKEY_TRY(const auto all, services.webhooks.list(caller));
  json::array webhooks;
  for (const auto& webhook : all) webhooks.push_back(webhook.data);
  return http::Response::json(HttpStatus::kOk, json::object{{"webhooks", std::move(webhooks)}});
}

Result<http::Response> retrieve_webhook(http::Request& request, ApiServices& services,
                                        const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "webhookId"));
  LATCHKEY_TRY(const auto webhook, services.webhooks.retrieve(caller, id));
  return webhook_response(webhook);
}

Result<http::Response> update_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "webhookId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kWebhookRequest));
  LATCHKEY_TRY(auto webhook, envelope(body.json(), "webhook"));
  LATCHKEY_TRY(const auto updated, services.webhooks.update(caller, id, std::move(webhook)));
  return webhook_response(updated);
}

Result<http::Response> patch_webhook(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "webhookId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kWebhookRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "webhook"));
  LATCHKEY_TRY(const auto updated, services.webhooks.patch(caller, id, patch, style));
  return webhook_response(updated);
}

Result<http::Response> delete_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "webhookId"));
  LATCHKEY_CHECK(services.webhooks.remove(caller, id));
  return http::Response::empty(HttpStatus::kOk);
}

// Prometheus text format: counters only, no ids or bodies. They count every tenant's deliveries,
// so a tenant-locked key, which may learn nothing of other tenants, is refused like a bad key.
Result<http::Response> webhook_metrics(http::Request&, ApiServices& services,
                                       const services::Caller& caller) {
  if (caller.api_key && caller.api_key->tenant_id) {
    return fail(
        Error::status(HttpStatus::kUnauthorized, "a tenant-locked API key reads no metrics"));
  }
  const auto& m = services.webhook_metrics;
  std::string out;
  counter(out, "latchkey_webhook_deliveries_total", "Webhook delivery attempts by outcome.",
          "{result=\"delivered\"}", m.delivered.load());
  out += "latchkey_webhook_deliveries_total{result=\"failed\"} " + std::to_string(m.failed.load()) +
         "\n";
  counter(out, "latchkey_webhook_dead_total", "Deliveries given up after the last attempt.", "",
          m.dead.load());
  counter(out, "latchkey_webhook_transactions_refused_total",
          "Changes refused because too few transactional webhooks succeeded.", "",
          m.refused.load());
  return http::Response::text(HttpStatus::kOk, std::move(out));
}

}  // namespace latchkey::api
