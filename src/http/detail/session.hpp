#pragma once
// Internal to http/: the state the listener and the sessions share, and the entry points
// server.cpp uses. Security/compile-cost rule: this is the one header that names Asio, so it
// may only be included by http/*.cpp files; nothing outside src/http/ includes http/detail/.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/server.hpp"

namespace latchkey::http {
class WorkerPool;
}

namespace latchkey::http::detail {

class Session;

// Owned by Server::Impl, which outlives every session.
struct ServerContext {
  ServerContext(ServerOptions server_options, const Router* server_router, WorkerPool& pool)
      : options(std::move(server_options)), router(server_router), workers(pool) {}

  const ServerOptions options;
  // Set before run() starts the io threads and never changed after, so sessions read both
  // without locking.
  const Router* router;
  PublicUrl public_url;  // options.public_url, or http://<host>:<bound port> once bound
  WorkerPool& workers;

  std::atomic<bool> stopping{false};        // read on every request without locking
  std::atomic<std::size_t> connections{0};  // live sessions, for max_connections

  // Guards `sessions`, `draining` and `on_drained`. Taken only when a connection opens or
  // closes and at stop, never on a request and never across co_await.
  std::mutex mutex;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
  bool draining = false;
  // Called, without the mutex held, when the last session closes during a drain.
  std::function<void()> on_drained;
};

// Serves an accepted connection on its socket's io context (run by one thread) until it closes.
void start_session(ServerContext& context, boost::asio::ip::tcp::socket socket);

// Starts a graceful drain: no new requests on kept-alive connections, idle ones closed now.
// Answers how many sessions are still open.
std::size_t begin_drain(ServerContext& context);

// Closes every connection at once (the drain timed out).
void close_all(ServerContext& context);

}  // namespace latchkey::http::detail
