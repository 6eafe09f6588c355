// latchkey: serve | migrate | version. Settings come from flags, then LATCHKEY_* environment
// variables, then an optional JSON config file (--config / LATCHKEY_CONFIG), then defaults.

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.hpp"
#include "app/logging.hpp"
#include "core/json.hpp"
#include "core/version.hpp"
#include "http/server.hpp"

namespace {

using latchkey::app::Config;

struct RawSettings {
  std::string listen = "127.0.0.1:9011";
  std::string database = "sqlite:var/latchkey.db";
  std::string kickstart;
  std::string log_format = "text";
  std::string token_key_file;
  std::size_t io_threads = 0;
  std::size_t worker_threads = 0;
  std::int64_t database_wait_ms = 5000;
  std::int64_t webhook_retry_base_ms = 1000;
  int webhook_max_attempts = 10;
  std::int64_t webhook_poll_ms = 1000;
  // The HTTP edge: proxies, the public URL, webhook targets.
  std::string trusted_proxies;
  std::string public_url;
  bool webhook_allow_private_addresses = false;
  // Failed-login throttle (services/users/login_throttle.hpp).
  std::int64_t login_throttle_per_id = 10;
  std::int64_t login_throttle_per_address = 100;
  std::int64_t login_throttle_window_seconds = 60;
};

// The config file only moves the defaults, so flags and environment still win over it.
bool apply_config_file(const std::string& path, RawSettings& raw,
                       std::vector<std::string>& problems) {
  std::ifstream in(path);
  if (!in) {
    problems.push_back("cannot read config file " + path);
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = latchkey::json::parse_object(text.str());
  if (!doc) {
    problems.push_back("config file " + path + " is not a JSON object");
    return false;
  }
  namespace json = latchkey::json;
  raw.listen = json::get_string(*doc, "listen").value_or(raw.listen);
  raw.database = json::get_string(*doc, "database").value_or(raw.database);
  raw.kickstart = json::get_string(*doc, "kickstart").value_or(raw.kickstart);
  raw.log_format = json::get_string(*doc, "logFormat").value_or(raw.log_format);
  raw.token_key_file = json::get_string(*doc, "tokenKeyFile").value_or(raw.token_key_file);
  raw.io_threads = static_cast<std::size_t>(json::get_int(*doc, "ioThreads").value_or(0));
  raw.worker_threads = static_cast<std::size_t>(json::get_int(*doc, "workerThreads").value_or(0));
  raw.database_wait_ms = json::get_int(*doc, "databaseWaitMs").value_or(raw.database_wait_ms);
  raw.webhook_retry_base_ms =
      json::get_int(*doc, "webhookRetryBaseMs").value_or(raw.webhook_retry_base_ms);
  raw.webhook_max_attempts = static_cast<int>(
      json::get_int(*doc, "webhookMaxAttempts").value_or(raw.webhook_max_attempts));
  raw.webhook_poll_ms = json::get_int(*doc, "webhookPollMs").value_or(raw.webhook_poll_ms);
  raw.trusted_proxies = json::get_string(*doc, "trustedProxies").value_or(raw.trusted_proxies);
  if (const auto* list = json::get_array(*doc, "trustedProxies")) {
    // Also accepted as a JSON array of CIDRs.
    raw.trusted_proxies.clear();
    for (const auto& entry : *list) {
      if (entry.is_string()) raw.trusted_proxies += std::string(entry.as_string()) + ",";
    }
  }
  raw.public_url = json::get_string(*doc, "publicUrl").value_or(raw.public_url);
  raw.webhook_allow_private_addresses = json::get_bool(*doc, "webhookAllowPrivateAddresses")
                                            .value_or(raw.webhook_allow_private_addresses);
  raw.login_throttle_per_id =
      json::get_int(*doc, "loginThrottlePerId").value_or(raw.login_throttle_per_id);
  raw.login_throttle_per_address =
      json::get_int(*doc, "loginThrottlePerAddress").value_or(raw.login_throttle_per_address);
  raw.login_throttle_window_seconds =
      json::get_int(*doc, "loginThrottleWindowSeconds").value_or(raw.login_throttle_window_seconds);
  return true;
}

std::string find_config_path(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--config") return argv[i + 1];
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg.starts_with("--config=")) return std::string(arg.substr(9));
  }
  const char* env = std::getenv("LATCHKEY_CONFIG");  // NOLINT(concurrency-mt-unsafe)
  return env != nullptr ? env : "";
}

// Turns the raw strings into a validated Config, collecting every problem.
Config validate(const RawSettings& raw, std::vector<std::string>& problems) {
  Config config;
  if (!latchkey::app::parse_listen(raw.listen, config.listen_host, config.listen_port)) {
    problems.push_back("--listen must be HOST:PORT (got '" + raw.listen + "')");
  }
  std::string problem;
  if (!latchkey::app::parse_database(raw.database, config.database, problem)) {
    problems.push_back(problem);
  }
  if (!raw.kickstart.empty()) {
    if (!std::ifstream(raw.kickstart)) {
      problems.push_back("--kickstart file '" + raw.kickstart + "' cannot be read");
    }
    config.kickstart_file = raw.kickstart;
  }
  if (raw.log_format == "text") {
    config.log_format = latchkey::app::LogFormat::kText;
  } else if (raw.log_format == "json") {
    config.log_format = latchkey::app::LogFormat::kJson;
  } else {
    problems.push_back("--log-format must be text or json (got '" + raw.log_format + "')");
  }
  if (raw.io_threads > 256) problems.emplace_back("--io-threads must be at most 256");
  if (raw.worker_threads > 1024) problems.emplace_back("--worker-threads must be at most 1024");
  config.token_key_file =
      raw.token_key_file.empty() ? config.database.sqlite_path + ".token-key" : raw.token_key_file;
  config.io_threads = raw.io_threads;
  config.worker_threads = raw.worker_threads;
  if (raw.database_wait_ms < 1 || raw.database_wait_ms > 600'000) {
    problems.emplace_back("--database-wait-ms must be between 1 and 600000");
  }
  config.database_wait = std::chrono::milliseconds(raw.database_wait_ms);
  if (raw.webhook_retry_base_ms < 1 || raw.webhook_retry_base_ms > 3'600'000) {
    problems.emplace_back("--webhook-retry-base-ms must be between 1 and 3600000");
  }
  if (raw.webhook_max_attempts < 1 || raw.webhook_max_attempts > 100) {
    problems.emplace_back("--webhook-max-attempts must be between 1 and 100");
  }
  if (raw.webhook_poll_ms < 10 || raw.webhook_poll_ms > 60'000) {
    problems.emplace_back("--webhook-poll-ms must be between 10 and 60000");
  }
  config.webhook_retry_base = std::chrono::milliseconds(raw.webhook_retry_base_ms);
  config.webhook_max_attempts = raw.webhook_max_attempts;
  config.webhook_poll_interval = std::chrono::milliseconds(raw.webhook_poll_ms);
  config.webhook_allow_private_addresses = raw.webhook_allow_private_addresses;
  if (auto proxies = latchkey::http::TrustedProxies::parse(raw.trusted_proxies, problem)) {
    config.trusted_proxies = std::move(*proxies);
  } else {
    problems.push_back("--trusted-proxies: " + problem);
  }
  if (!raw.public_url.empty()) {
    config.configured_public_url = latchkey::http::PublicUrl::parse(raw.public_url);
    if (!config.configured_public_url) {
      problems.push_back(
          "--public-url must be an absolute http or https URL without query or user info "
          "(got '" +
          raw.public_url + "')");
    }
  }
  config.public_url = config.configured_public_url
                          .value_or(latchkey::http::PublicUrl::for_listen_address(
                              config.listen_host, config.listen_port))
                          .str();
  if (raw.login_throttle_per_id < 0 || raw.login_throttle_per_id > 1'000'000) {
    problems.emplace_back("--login-throttle-per-id must be between 0 and 1000000");
  }
  if (raw.login_throttle_per_address < 0 || raw.login_throttle_per_address > 1'000'000) {
    problems.emplace_back("--login-throttle-per-address must be between 0 and 1000000");
  }
  if (raw.login_throttle_window_seconds < 0 || raw.login_throttle_window_seconds > 86'400) {
    problems.emplace_back("--login-throttle-window-seconds must be between 0 and 86400");
  }
  config.login_throttle.per_login_id =
      static_cast<int>(std::clamp<std::int64_t>(raw.login_throttle_per_id, 0, 1'000'000));
  config.login_throttle.per_address =
      static_cast<int>(std::clamp<std::int64_t>(raw.login_throttle_per_address, 0, 1'000'000));
  config.login_throttle.window =
      std::chrono::seconds(std::clamp<std::int64_t>(raw.login_throttle_window_seconds, 0, 86'400));
  return config;
}

int report(const std::vector<std::string>& problems) {
  std::cerr << "latchkey: invalid configuration:\n";
  for (const auto& problem : problems) std::cerr << "  - " << problem << "\n";
  return 2;
}

int run_serve(Config config) {
  // Bind before anything else, so the default public URL names the real port (--listen
  // HOST:0) before the first-start tenant takes it as its issuer.
  latchkey::http::Server server(latchkey::app::server_options(config));
  const std::uint16_t port = server.listen();
  config.public_url = server.public_url();
  auto welcome = latchkey::app::prepare_database(config);
  if (!welcome) {
    const auto& errors = welcome.error().general_errors();
    spdlog::error("start-up failed: {}", errors.empty() ? "unknown error" : errors.front().message);
    return 1;
  }
  latchkey::app::App app(config);
  for (const auto& line : *welcome) std::cout << line << "\n";
  std::cout.flush();
  return app.serve(server, port);
}

}  // namespace

// Start-up problems are reported through `problems`; an exception that still escapes main is a
// bug, and std::terminate's abort (naming the exception) is the report wanted for it.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  // Security: the database holds password hashes and signing keys, the key file the token
  // key; whatever this process creates is readable by its owner only.
  ::umask(077);
  RawSettings raw;
  std::vector<std::string> problems;
  if (const auto path = find_config_path(argc, argv); !path.empty()) {
    apply_config_file(path, raw, problems);
  }

  CLI::App cli{"Latchkey: an identity and token server that speaks FusionAuth's API"};
  cli.require_subcommand(1);
  std::string config_path;
  cli.add_option("--config", config_path, "JSON config file")->envname("LATCHKEY_CONFIG");

  auto add_settings = [&](CLI::App* command) {
    command->add_option("--listen", raw.listen, "HOST:PORT to listen on")
        ->envname("LATCHKEY_LISTEN")
        ->capture_default_str();
    command->add_option("--database", raw.database, "sqlite:PATH")
        ->envname("LATCHKEY_DATABASE")
        ->capture_default_str();
    command->add_option("--kickstart", raw.kickstart, "FusionAuth kickstart file")
        ->envname("LATCHKEY_KICKSTART");
    command->add_option("--log-format", raw.log_format, "text or json")
        ->envname("LATCHKEY_LOG_FORMAT")
        ->capture_default_str();
    command
        ->add_option("--token-key-file", raw.token_key_file,
                     "key file protecting refresh tokens (default: <database>.token-key)")
        ->envname("LATCHKEY_TOKEN_KEY_FILE");
    command->add_option("--io-threads", raw.io_threads, "I/O threads (0 = cores)")
        ->envname("LATCHKEY_IO_THREADS");
    command
        ->add_option("--worker-threads", raw.worker_threads,
                     "handler threads (0 = auto); the database connection pool is one larger")
        ->envname("LATCHKEY_WORKER_THREADS");
    command
        ->add_option("--database-wait-ms", raw.database_wait_ms,
                     "longest wait for the database (a free connection or a lock) before 503")
        ->envname("LATCHKEY_DATABASE_WAIT_MS")
        ->capture_default_str();
    command
        ->add_option("--webhook-retry-base-ms", raw.webhook_retry_base_ms,
                     "delay after a failed webhook delivery, doubled per attempt")
        ->envname("LATCHKEY_WEBHOOK_RETRY_BASE_MS");
    command
        ->add_option("--webhook-max-attempts", raw.webhook_max_attempts,
                     "attempts before a webhook delivery is given up")
        ->envname("LATCHKEY_WEBHOOK_MAX_ATTEMPTS");
    command
        ->add_option("--webhook-poll-ms", raw.webhook_poll_ms,
                     "how often the webhook outbox is re-checked")
        ->envname("LATCHKEY_WEBHOOK_POLL_MS");
    command
        ->add_option("--trusted-proxies", raw.trusted_proxies,
                     "comma-separated CIDRs of proxies whose X-Forwarded-* headers count")
        ->envname("LATCHKEY_TRUSTED_PROXIES");
    command
        ->add_option("--public-url", raw.public_url,
                     "externally visible base URL (default: http://<listen address>)")
        ->envname("LATCHKEY_PUBLIC_URL");
    command
        ->add_flag("--webhook-allow-private-addresses", raw.webhook_allow_private_addresses,
                   "allow webhook URLs to loopback, private and link-local addresses")
        ->envname("LATCHKEY_WEBHOOK_ALLOW_PRIVATE_ADDRESSES");
    command
        ->add_option("--login-throttle-per-id", raw.login_throttle_per_id,
                     "failed logins per login id per window before 429 (0 = no limit)")
        ->envname("LATCHKEY_LOGIN_THROTTLE_PER_ID")
        ->capture_default_str();
    command
        ->add_option("--login-throttle-per-address", raw.login_throttle_per_address,
                     "failed logins per client address per window before 429 (0 = no limit)")
        ->envname("LATCHKEY_LOGIN_THROTTLE_PER_ADDRESS")
        ->capture_default_str();
    command
        ->add_option("--login-throttle-window-seconds", raw.login_throttle_window_seconds,
                     "the failed-login throttle's window (0 disables the throttle)")
        ->envname("LATCHKEY_LOGIN_THROTTLE_WINDOW_SECONDS")
        ->capture_default_str();
  };
  auto* serve = cli.add_subcommand("serve", "run the server");
  add_settings(serve);
  auto* migrate = cli.add_subcommand("migrate", "create or upgrade the database schema, then exit");
  add_settings(migrate);
  cli.add_subcommand("version", "print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error);
  }
  if (cli.got_subcommand("version")) {
    std::cout << "latchkey " << latchkey::kVersion << "\n";
    return 0;
  }
  const Config config = validate(raw, problems);
  if (!problems.empty()) return report(problems);
  latchkey::app::configure_logging(config.log_format);
  // Writes out buffered log lines before static destruction begins.
  struct FlushLogsOnExit {
    ~FlushLogsOnExit() { spdlog::shutdown(); }
  } flush_logs_on_exit;

  try {
    if (cli.got_subcommand("migrate")) {
      latchkey::app::App app(config);
      std::cout << "database " << config.database.sqlite_path << " is up to date\n";
      return 0;
    }
    return run_serve(config);
  } catch (const std::exception& error) {
    spdlog::error("latchkey: {}", error.what());
    return 1;
  }
}
