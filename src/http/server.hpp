#pragma once
// The HTTP/1.1 server: one listener, one session per connection, handlers on a bounded worker
// pool. Beast and Asio stay behind the pimpl.
//
//   Server server(ServerOptions{.port = 9011}, router);   // router must outlive server
//   const std::uint16_t port = server.listen();           // throws std::runtime_error
//   server.stop_on_signals();                             // SIGINT/SIGTERM drain gracefully
//   server.run();                                         // blocks until stopped and drained

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/forwarded.hpp"

namespace latchkey::http {

class Router;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9011;   // 0 picks an ephemeral port; listen() answers which
  std::size_t io_threads = 0;  // 0: the hardware concurrency
  // 0: max(4, 2 x cores), since handlers block on SQLite, password hashing and signing.
  std::size_t worker_threads = 0;
  // Requests that may wait for a free worker beyond those running; past it the answer is 503.
  std::size_t worker_queue_limit = 1024;
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 * 1024;     // request line and every header field together
  std::chrono::seconds header_timeout{10};  // whole header block, from its first byte
  std::chrono::seconds body_timeout{30};
  std::chrono::seconds idle_timeout{60};  // between keep-alive requests
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds drain_timeout{30};  // graceful stop: in-flight requests get this long
  std::size_t max_connections = 10000;
  // Security: X-Forwarded-For/-Proto/-Host are believed only from these peers; otherwise any
  // client could claim another address, https, or a host of its choosing (http/forwarded.hpp).
  TrustedProxies trusted_proxies{};
  // The externally visible base URL; unset: http://<host>:<bound port>.
  std::optional<PublicUrl> public_url{};
};

class Server {
 public:
  // `router` is shared by every io and worker thread and must outlive the server.
  Server(ServerOptions options, const Router& router);
  // Without a router yet: listen() first (so the public URL knows an ephemeral port before
  // the application is built), then route_with() before run().
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; answers the bound port. Throws std::runtime_error naming the address
  // and the reason when it cannot. Call once, before run().
  std::uint16_t listen();
  // options.public_url, else http://<host>:<bound port>; valid once listen() returned.
  [[nodiscard]] std::string public_url() const;
  // Supplies the router of a server built without one. Call once, before run().
  void route_with(const Router& router);
  // Runs the io threads (the calling thread is one of them); returns once stop() has drained.
  // Calls listen() first if it was not called.
  void run();
  // Graceful stop, callable from any thread, any number of times: stops accepting, closes idle
  // keep-alive connections, lets in-flight requests finish and their responses be written
  // (for up to drain_timeout), then run() returns.
  void stop();
  // SIGINT and SIGTERM call stop(). Call before run().
  void stop_on_signals();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace latchkey::http
