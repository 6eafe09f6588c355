// The listener and the server's lifecycle: bind, accept under max_connections, run the io
// threads, and the graceful drain on stop() or a signal.

#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/detail/session.hpp"
#include "http/router.hpp"
#include "http/worker_pool.hpp"

namespace latchkey::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

std::size_t io_thread_count(const ServerOptions& options) {
  if (options.io_threads != 0) return options.io_threads;
  return std::max<std::size_t>(std::thread::hardware_concurrency(), 1);
}

// One io_context per io thread: a connection lives on one context, which one thread runs, so
// its completions never cross threads or wake another thread (with one shared context every
// completion went through a shared queue, and thread hand-offs cost more than HS256
// validation itself). Worker threads still post results back; that stays thread-safe.
std::vector<std::unique_ptr<asio::io_context>> make_io_contexts(std::size_t count) {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  contexts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  return contexts;
}

// Backoff after an accept error such as EMFILE, so a full descriptor table is not a busy loop.
constexpr auto kAcceptErrorBackoff = std::chrono::milliseconds(50);

}  // namespace

// Members are destroyed bottom-up: the worker pool joins first (its jobs post back into the
// io_context), then the io_context destroys any remaining session frames, which still touch
// the context, destroyed last.
struct Server::Impl {
  Impl(ServerOptions server_options, const Router* router)
      : workers(std::make_unique<WorkerPool>(server_options.worker_threads != 0
                                                 ? server_options.worker_threads
                                                 : default_worker_threads(),
                                             server_options.worker_queue_limit)),
        context(std::move(server_options), router, *workers),
        ios(make_io_contexts(io_thread_count(context.options))),
        strand(asio::make_strand(*ios.front())),
        acceptor(strand),
        signals(strand),
        drain_timer(strand) {
    context.on_drained = [this] { asio::post(strand, [this] { drain_timer.cancel(); }); };
    // The listener keeps the first context busy; the others must not return from run() while
    // they wait for their first connection.
    for (std::size_t i = 1; i < ios.size(); ++i) idle_guards.emplace_back(ios[i]->get_executor());
  }

  ~Impl() {
    {
      const std::lock_guard lock(context.mutex);
      context.on_drained = nullptr;
    }
    workers.reset();
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::uint16_t listen();
  asio::awaitable<void> accept_loop();
  void stop_on_strand();

  std::unique_ptr<WorkerPool> workers;  // reset explicitly in ~Impl, before io
  detail::ServerContext context;
  std::vector<std::unique_ptr<asio::io_context>> ios;  // one per io thread
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> idle_guards;
  asio::strand<asio::io_context::executor_type> strand;  // listener, signals, stop
  std::size_t next_io = 0;                               // round-robin; on the strand
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer;
  bool stop_requested = false;  // on the strand
};

std::uint16_t Server::Impl::listen() {
  const ServerOptions& options = context.options;
  const std::string where = options.host + ":" + std::to_string(options.port);
  boost::system::error_code ec;
  tcp::resolver resolver(*ios.front());
  const auto endpoints =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    throw std::runtime_error("cannot listen on " + where + ": " +
                             (ec ? ec.message() : std::string("host not found")));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto fail = [&](const char* step) {
    throw std::runtime_error("cannot listen on " + where + ": " + step + ": " + ec.message());
  };
  if (acceptor.open(endpoint.protocol(), ec); ec) fail("open");
  // Lets a restarted server bind at once despite connections in TIME_WAIT; on Linux it does
  // not allow two live listeners on one port.
  if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec); ec) fail("reuse_address");
  if (acceptor.bind(endpoint, ec); ec) fail("bind");
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) fail("listen");
  const auto port = acceptor.local_endpoint(ec).port();
  if (ec) fail("local_endpoint");
  context.public_url =
      options.public_url.value_or(PublicUrl::for_listen_address(options.host, port));
  spdlog::info("listening on {}:{}", endpoint.address().to_string(), port);
  return port;
}

asio::awaitable<void> Server::Impl::accept_loop() {
  constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
  while (acceptor.is_open()) {
    // Connections are dealt round-robin to the io contexts; each context is run by one thread,
    // so a session never runs on two threads at once.
    asio::io_context& home = *ios[next_io++ % ios.size()];
    auto [ec, socket] = co_await acceptor.async_accept(home.get_executor(), kUseTuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer backoff(strand, kAcceptErrorBackoff);
      co_await backoff.async_wait(kUseTuple);
      continue;
    }
    // Security: past max_connections a new connection is closed at once, so a flood of idle
    // sockets cannot exhaust descriptors or memory.
    if (context.connections.load(std::memory_order_relaxed) >= context.options.max_connections) {
      boost::system::error_code ignored;
      socket.close(ignored);
      continue;
    }
    detail::start_session(context, tcp::socket(std::move(socket)));
  }
}

void Server::Impl::stop_on_strand() {
  if (stop_requested) return;
  stop_requested = true;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  // Contexts without connections may now return from run().
  for (auto& guard : idle_guards) guard.reset();
  const std::size_t remaining = detail::begin_drain(context);
  if (remaining == 0) return;
  spdlog::info("draining {} connection(s)", remaining);
  drain_timer.expires_after(context.options.drain_timeout);
  drain_timer.async_wait([this](boost::system::error_code ec) {
    if (ec) return;  // cancelled: the last connection closed in time
    spdlog::warn("drain timed out; closing the remaining connections");
    detail::close_all(context);
    // A handler that never returns would keep run() from returning; stop the loop anyway.
    asio::post(strand, [this] {
      for (auto& io : ios) io->stop();
    });
  });
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), &router)) {}

Server::Server(ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options), nullptr)) {}

Server::~Server() = default;

std::uint16_t Server::listen() { return impl_->listen(); }

std::string Server::public_url() const { return impl_->context.public_url.str(); }

void Server::route_with(const Router& router) {
  if (impl_->context.router != nullptr) throw std::logic_error("Server::route_with called twice");
  impl_->context.router = &router;
}

void Server::run() {
  if (impl_->context.router == nullptr) throw std::logic_error("Server::run without a router");
  if (!impl_->acceptor.is_open()) listen();
  Impl& impl = *impl_;
  asio::co_spawn(impl.strand, impl.accept_loop(), [](const std::exception_ptr& error) {
    if (error) spdlog::critical("the listener stopped by an unexpected exception");
  });
  std::vector<std::jthread> threads;
  threads.reserve(impl.ios.size() - 1);
  for (std::size_t i = 1; i < impl.ios.size(); ++i) {
    threads.emplace_back([&io = *impl.ios[i]] { io.run(); });
  }
  impl.ios.front()->run();
  threads.clear();  // joins
  spdlog::info("server stopped");
}

void Server::stop() {
  Impl& impl = *impl_;
  asio::post(impl.strand, [&impl] { impl.stop_on_strand(); });
}

void Server::stop_on_signals() {
  Impl& impl = *impl_;
  impl.signals.add(SIGINT);
  impl.signals.add(SIGTERM);
  impl.signals.async_wait([&impl](boost::system::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received; stopping", signal);
    impl.stop_on_strand();
  });
}

}  // namespace latchkey::http
