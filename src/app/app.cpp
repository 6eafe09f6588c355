#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/routes.hpp"
#include "app/token_key_file.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"
#include "services/refresh/refresh_token_service.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace latchkey::app {
namespace {

// The worker pool and the connection pool are sized together, from one number: a handler runs
// on a worker and holds at most one connection (a unit of work binds the one it has), so with
// a connection per worker plus one for the webhook dispatcher's thread no request waits for a
// connection in the normal course. --database-wait-ms still bounds the wait (a 503 past it).
constexpr std::size_t kBackgroundConnections = 1;

std::size_t worker_threads(const Config& config) {
  return config.worker_threads != 0 ? config.worker_threads : http::default_worker_threads();
}

std::unique_ptr<store::Store> open_store(const Config& config) {
  return store::sqlite::SqliteStore::open(config.database.sqlite_path,
                                          worker_threads(config) + kBackgroundConnections,
                                          config.database_wait);
}

services::DeliveryPolicy delivery_policy(const Config& config) {
  services::DeliveryPolicy policy;
  policy.retry_base = config.webhook_retry_base;
  policy.max_attempts = config.webhook_max_attempts;
  policy.poll_interval = config.webhook_poll_interval;
  return policy;
}

// Security: delivery log lines name webhooks, event types and ids, never bodies or secrets.
void log_delivery(const std::string& line) { spdlog::warn("{}", line); }

std::size_t hardware_threads() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace

App::App(const Config& config, const std::optional<Uuid>& default_tenant_id)
    : config_(config),
      store_(open_store(config)),
      config_cache_(*store_),
      themes_(*store_, config_cache_, clock_),
      authenticator_(config_cache_, clock_),
      tenants_(*store_, config_cache_, clock_),
      applications_(*store_, config_cache_, clock_),
      users_(*store_, config_cache_, clock_, hasher_),
      registrations_(*store_, config_cache_, clock_, users_),
      api_keys_(*store_, config_cache_, clock_),
      keys_(*store_, config_cache_, clock_),
      token_vault_(load_or_create_token_key(config.token_key_file)),
      revoked_access_tokens_(*store_, clock_),
      tokens_(*store_, config_cache_, clock_, revoked_access_tokens_),
      webhooks_(*store_, config_cache_, clock_,
                services::WebhookTargetPolicy{config.webhook_allow_private_addresses}),
      webhook_transport_(config.webhook_allow_private_addresses),
      webhook_dispatcher_(*store_, config_cache_, webhooks_, webhook_transport_, token_vault_,
                          clock_, delivery_policy(config), webhook_metrics_, log_delivery),
      events_(*store_, config_cache_, webhooks_, webhook_transport_, token_vault_, clock_,
              delivery_policy(config), webhook_metrics_, log_delivery,
              [this] { webhook_dispatcher_.wake(); }),
      refresh_tokens_(*store_, config_cache_, clock_, token_vault_, tokens_, events_),
      jwt_issue_(*store_, config_cache_, clock_, tokens_, refresh_tokens_),
      login_throttle_(config.login_throttle),
      login_(*store_, config_cache_, clock_, hasher_, tokens_, refresh_tokens_, token_vault_,
             users_, events_, login_throttle_),
      authorization_requests_(config_cache_, clock_, *store_, *store_),
      sso_sessions_(*store_, config_cache_, clock_, token_vault_, refresh_tokens_),
      authorization_codes_(*store_, config_cache_, clock_, token_vault_),
      hosted_login_(*store_, login_, authorization_requests_),
      id_tokens_(config_cache_, clock_),
      token_issuer_(*store_, config_cache_, clock_, tokens_, refresh_tokens_, id_tokens_),
      code_grant_(clock_, *store_, *store_, *store_, authorization_codes_, token_issuer_,
                  refresh_tokens_),
      password_grant_(clock_, *store_, login_, token_issuer_),
      refresh_grant_(clock_, *store_, refresh_tokens_, id_tokens_),
      entity_types_(*store_, config_cache_, clock_),
      entities_(*store_, config_cache_, clock_, token_vault_),
      entity_grants_({*store_, *store_}, entities_, clock_),
      client_credentials_grant_(config_cache_, clock_, *store_, entities_, entity_grants_, tokens_),
      token_endpoint_(config_cache_, oauth_clients_, code_grant_, password_grant_, refresh_grant_,
                      &client_credentials_grant_),
      token_introspection_(config_cache_, oauth_clients_, tokens_, &client_credentials_grant_),
      token_revocation_(config_cache_, oauth_clients_, tokens_, refresh_tokens_,
                        revoked_access_tokens_),
      userinfo_(config_cache_, tokens_),
      discovery_(config_cache_),
      oauth_{authorization_requests_,
             authorization_codes_,
             sso_sessions_,
             hosted_login_,
             token_endpoint_,
             token_introspection_,
             token_revocation_,
             userinfo_,
             discovery_,
             themes_},
      change_password_(*store_, config_cache_, clock_, hasher_, token_vault_, refresh_tokens_),
      identity_providers_(*store_, config_cache_, clock_, keys_),
      reconcile_(*store_, config_cache_, clock_, token_vault_, registrations_, login_, events_),
      documents_(*store_, clock_),
      groups_(*store_, config_cache_, clock_),
      system_configuration_(*store_, clock_),
      cors_(system_configuration_),
      api_services_{authenticator_,
                    tenants_,
                    applications_,
                    users_,
                    registrations_,
                    api_keys_,
                    keys_,
                    tokens_,
                    refresh_tokens_,
                    jwt_issue_,
                    login_,
                    clock_,
                    *store_,
                    oauth_,
                    change_password_,
                    identity_providers_,
                    reconcile_,
                    webhooks_,
                    webhook_metrics_,
                    documents_,
                    entity_types_,
                    entities_,
                    entity_grants_,
                    themes_,
                    groups_,
                    system_configuration_},
      router_(build_routes(api_services_)) {
  // First-start state (spec/tenants-applications.md): the Default tenant and the FusionAuth
  // application exist before anything else.
  users_.on_password_changed([this](const Uuid& user_id) {
    (void)refresh_tokens_.revoke_for_user(user_id, services::RevocationReason::kPasswordChanged);
  });
  users_.on_deactivated([this](const Uuid& user_id) {
    (void)refresh_tokens_.revoke_for_user(user_id, services::RevocationReason::kLoginPrevented);
  });
  tenants_.use_events(events_);
  applications_.use_events(events_);
  tenants_.use_themes(themes_);
  applications_.use_themes(themes_);
  keys_.ensure_default_keys();
  // OIDC discovery: the issuer must be the URL clients discover us at (OpenID Connect
  // Discovery §4.3), so the first-start tenant's issuer is the public URL.
  const auto tenant = tenants_.ensure_default_tenant(default_tenant_id, config.public_url);
  applications_.ensure_fusionauth_application(tenant.id);
  // FusionAuth's default email templates, lambdas and admin forms, once per database.
  documents_.install_defaults();
  system_configuration_.ensure_defaults();
  router_.filter_with(&cors_);
}

App::~App() = default;

bool App::untouched() { return store_->count_users() == 0 && store_->list_api_keys().empty(); }

http::Response App::dispatch(http::Request& request) const {
  if (auto early = cors_.before(request)) return std::move(*early);
  const auto match = router_.match(request);
  http::Response response = match ? (*match.handler)(request) : match.error_response();
  cors_.after(request, response);
  return response;
}

std::optional<Uuid> App::default_signing_key_id() const {
  const auto* key = config_cache_.current()->default_signing_key();
  if (key == nullptr) return std::nullopt;
  return key->record.id;
}

Status App::apply_kickstart(const services::KickstartPlan& plan) {
  for (std::size_t i = 0; i < plan.api_keys.size(); ++i) {
    const auto id = json::get_string(plan.api_keys[i], "id").and_then(Uuid::parse);
    auto created = api_keys_.create_bootstrap_key(id, plan.api_keys[i]);
    if (!created) {
      return fail(Error::general(HttpStatus::kBadRequest, "[kickstart]",
                                 "kickstart apiKeys[" + std::to_string(i) + "] was refused"));
    }
  }
  const std::string bootstrap_key = json::get_string(plan.api_keys.front(), "key").value_or("");
  for (std::size_t i = 0; i < plan.requests.size(); ++i) {
    const auto& step = plan.requests[i];
    http::Request request;
    request.method = step.method;
    if (!request.set_target(step.url)) {
      return fail(Error::general(HttpStatus::kBadRequest, "[kickstart]",
                                 "kickstart " + step.label + " has a bad url"));
    }
    request.headers.emplace_back("Authorization", bootstrap_key);
    request.headers.emplace_back("Content-Type", step.content_type);
    if (step.tenant_id) request.headers.emplace_back("X-FusionAuth-TenantId", *step.tenant_id);
    request.body = step.body;
    request.client_ip = "127.0.0.1";
    request.request_id = "kickstart-" + std::to_string(i);
    const http::Response response = dispatch(request);
    const int status = to_int(response.status);
    if (status < 200 || status > 299) {
      return fail(Error::general(HttpStatus::kBadRequest, "[kickstart]",
                                 "kickstart " + step.label + " " + step.method + " " + step.url +
                                     " failed with HTTP " + std::to_string(status) +
                                     (response.body.empty() ? "" : ": " + response.body)));
    }
  }
  return {};
}

http::ServerOptions server_options(const Config& config) {
  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.io_threads = config.io_threads;
  options.worker_threads = worker_threads(config);  // the connection pool follows it (open_store)
  if (options.io_threads == 0) options.io_threads = hardware_threads();
  options.trusted_proxies = config.trusted_proxies;
  options.public_url = config.configured_public_url;
  return options;
}

int App::serve(http::Server& server, std::uint16_t port) {
  server.route_with(router_);
  const std::string& host = config_.listen_host;
  const bool ipv6 = host.find(':') != std::string::npos;
  // Scripts and the integration harness wait for exactly this line on stdout.
  std::cout << "Latchkey listening on http://" << (ipv6 ? "[" : "") << host << (ipv6 ? "]" : "")
            << ":" << port << std::endl;
  server.stop_on_signals();
  // Deliveries left pending by an earlier process are due at once.
  webhook_dispatcher_.start();
  server.run();
  webhook_dispatcher_.stop();
  spdlog::info("latchkey stopped");
  return 0;
}

}  // namespace latchkey::app
