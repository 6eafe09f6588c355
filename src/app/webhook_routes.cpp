#include "api/webhook_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// spec/webhooks-events.md "Webhook API". /metrics reads atomics only, but it authenticates
// the caller first, so it stays on the worker pool like every other /api route.
RouteTable webhook_routes() {
  return {
      {"POST", "/api/webhook", Auth::kApiKey, api::create_webhook},
      {"POST", "/api/webhook/{webhookId}", Auth::kApiKey, api::create_webhook},
      {"GET", "/api/webhook", Auth::kApiKey, api::retrieve_webhooks},
      {"GET", "/api/webhook/{webhookId}", Auth::kApiKey, api::retrieve_webhook},
      {"PUT", "/api/webhook/{webhookId}", Auth::kApiKey, api::update_webhook},
      {"PATCH", "/api/webhook/{webhookId}", Auth::kApiKey, api::patch_webhook},
      {"DELETE", "/api/webhook/{webhookId}", Auth::kApiKey, api::delete_webhook},
      {"GET", "/metrics", Auth::kApiKey, api::webhook_metrics},
  };
}

}  // namespace latchkey::app
