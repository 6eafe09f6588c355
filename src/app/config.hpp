#pragma once
// Latchkey's configuration: flags > LATCHKEY_* environment > config file > defaults
// (ARCHITECTURE.md). Validated once at start; every problem is reported together.
//
//   LATCHKEY_TRY(const Config config, load_config(argc, argv));

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/forwarded.hpp"
#include "services/users/login_throttle.hpp"

namespace latchkey::app {

enum class LogFormat { kText, kJson };

struct DatabaseLocation {
  std::string sqlite_path;  // the only kind supported so far
};

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 9011;
  DatabaseLocation database{"var/latchkey.db"};
  std::optional<std::string> kickstart_file;
  // Protects refresh-token values at rest; default: the database path + ".token-key".
  std::string token_key_file;
  LogFormat log_format = LogFormat::kText;
  std::size_t io_threads = 0;
  std::size_t worker_threads = 0;  // 0: http::default_worker_threads(); sizes the connection pool
  // The longest a request waits for the database (a free connection, another writer's lock)
  // before it is answered 503; also SQLite's busy timeout.
  std::chrono::milliseconds database_wait{5000};
  // Webhook outbox delivery (services/webhooks/webhook_delivery.hpp DeliveryPolicy).
  std::chrono::milliseconds webhook_retry_base{1000};
  int webhook_max_attempts = 10;
  std::chrono::milliseconds webhook_poll_interval{1000};
  // Security: webhook URLs to loopback, private or link-local addresses are refused unless
  // the operator allows them (receivers on the same host or network).
  bool webhook_allow_private_addresses = false;
  // Behind a proxy (http/forwarded.hpp): the peers whose X-Forwarded-* headers count.
  http::TrustedProxies trusted_proxies;
  // --public-url, when given; otherwise the server's listen address is the public URL.
  std::optional<http::PublicUrl> configured_public_url;
  // The public URL in effect: the configured one, else http://<listen host>:<bound port>
  // (set once the socket is bound, so --listen HOST:0 gets the real port). The first-start
  // tenant takes it as its issuer.
  std::string public_url = "http://127.0.0.1:9011";
  // Failed-login throttle (services/users/login_throttle.hpp): per login id, per address, window.
  services::LoginThrottleSettings login_throttle;
};

// Parses "HOST:PORT" ("[::1]:9011" for IPv6).
bool parse_listen(const std::string& text, std::string& host, std::uint16_t& port);
// Parses "sqlite:PATH"; a postgres:// URL is refused with a message until it is supported.
bool parse_database(const std::string& url, DatabaseLocation& location, std::string& problem);

}  // namespace latchkey::app
