#include "api/webhook_handlers.hpp"
#include "app/routes.hpp"

namespace latchkey::app {

// spec/webhooks-events.md "Webhook API". /metrics reads atomics only, but it authenticates
// the caller first, so it stays on the worker pool like every other /api route.
void add_webhook_routes(http::Router& router, api::ApiServices& services) {
  router.add("POST", "/api/webhook", api_route(services, api::create_webhook));
  router.add("POST", "/api/webhook/{webhookId}", api_route(services, api::create_webhook));
  router.add("GET", "/api/webhook", api_route(services, api::retrieve_webhooks));
  router.add("GET", "/api/webhook/{webhookId}", api_route(services, api::retrieve_webhook));
  router.add("PUT", "/api/webhook/{webhookId}", api_route(services, api::update_webhook));
  router.add("PATCH", "/api/webhook/{webhookId}", api_route(services, api::patch_webhook));
  router.add("DELETE", "/api/webhook/{webhookId}", api_route(services, api::delete_webhook));
  router.add("GET", "/metrics", api_route(services, api::webhook_metrics));
}

}  // namespace latchkey::app
