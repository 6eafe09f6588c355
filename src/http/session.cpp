// One coroutine per connection: read a request within size and time limits, route it, run the
// handler (inline or on the worker pool), write the response, repeat while keep-alive holds.
// Every byte from the peer is hostile: framing errors close the connection, never reuse it.

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <exception>
#include <limits>
#include <optional>

#include "core/unavailable.hpp"
#include "http/access_log.hpp"
#include "http/detail/session.hpp"
#include "http/forwarded.hpp"
#include "http/framing.hpp"
#include "http/http_date.hpp"
#include "http/request.hpp"
#include "http/request_id.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/worker_pool.hpp"

namespace latchkey::http::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 8 * 1024;
// After an error answer, how long and how much we keep reading (and discarding) before closing,
// so the kernel does not turn the unread bytes into a RST that destroys our answer in flight.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr std::size_t kLingerBytes =
    4 * 1024 * 1024;  // covers a client mid-way through an oversized body

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// RFC 9110 §9: the methods an API or a browser sends us. Anything else (TRACE, CONNECT, WebDAV)
// is answered 501 before routing. Security: refusing TRACE closes cross-site tracing.
bool is_supported_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
    case bhttp::verb::head:
    case bhttp::verb::post:
    case bhttp::verb::put:
    case bhttp::verb::delete_:
    case bhttp::verb::patch:
    case bhttp::verb::options:
      return true;
    default:
      return false;
  }
}

// Framing and hop-by-hop fields belong to the session alone: a handler setting them could
// desynchronise the connection.
bool is_session_owned_field(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") ||
         iequals(name, "connection") || iequals(name, "keep-alive") || iequals(name, "date") ||
         iequals(name, "server") || iequals(name, "x-request-id") || iequals(name, "upgrade");
}

// Beast knows only the registered reason phrases; FusionAuth's own 2xx codes get a readable one.
std::string_view reason_for(HttpStatus status) {
  switch (status) {
    case HttpStatus::kEmailNotVerified:
      return "Email Not Verified";
    case HttpStatus::kRegistrationNotVerified:
      return "Registration Not Verified";
    case HttpStatus::kTwoFactorRequired:
      return "Two Factor Required";
    case HttpStatus::kInvalidTwoFactorCode:
      return "Invalid Two Factor Code";
    default:
      return {};
  }
}

std::string peer_address(const asio::ip::tcp::socket& socket) {
  error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "-";
  auto address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

bool expects_continue(const BeastRequest& message) {
  const auto expect = message.find(bhttp::field::expect);
  return expect != message.end() && iequals(expect->value(), "100-continue");
}

std::string_view buffered(const beast::flat_buffer& buffer) {
  const auto bytes = buffer.data();
  return {static_cast<const char*>(bytes.data()), bytes.size()};
}

HeaderBlock scan(const beast::flat_buffer& buffer) { return scan_header_block(buffered(buffer)); }

std::uint32_t clamp_to_u32(std::size_t value) {
  return value > std::numeric_limits<std::uint32_t>::max()
             ? std::numeric_limits<std::uint32_t>::max()
             : static_cast<std::uint32_t>(value);
}

// Runs `handler` on the worker pool and resumes the calling coroutine on its own executor (the
// connection's io context, which one thread runs). Answers nothing when the pool is full. A
// handler's exception is rethrown in the coroutine.
auto run_on_worker(WorkerPool& workers, const Handler& handler, Request& request) {
  using Signature = void(std::exception_ptr, std::optional<Response>);
  return asio::async_initiate<const asio::use_awaitable_t<>, Signature>(
      [&workers, &handler, &request](auto completion) {
        using Completion = decltype(completion);
        const auto executor = asio::get_associated_executor(completion);
        // Shared so that the refusal path below can still complete when the pool drops the job.
        auto shared = std::make_shared<Completion>(std::move(completion));
        // Tracked work keeps io_context::run() alive while the handler is running. (Asio's
        // properties are static members named through an instance, by design.)
        // NOLINTNEXTLINE(readability-static-accessed-through-instance)
        auto tracked = asio::prefer(executor, asio::execution::outstanding_work.tracked);
        const bool accepted = workers.try_submit([shared, tracked, &handler, &request]() mutable {
          std::exception_ptr error;
          std::optional<Response> response;
          try {
            response.emplace(handler(request));
          } catch (...) {
            error = std::current_exception();
          }
          asio::post(tracked, [shared, error, response = std::move(response)]() mutable {
            (*shared)(error, std::move(response));
          });
        });
        if (!accepted) {
          asio::post(executor, [shared]() mutable { (*shared)(nullptr, std::nullopt); });
        }
      },
      asio::use_awaitable);
}

// RFC 9110 §15.6.4, in FusionAuth's Errors shape; the detail stays in the log.
Response unavailable_response() {
  boost::json::object error;
  error["code"] = "[ServiceUnavailable]";
  error["message"] = "The server cannot reach its database right now. Try again shortly.";
  boost::json::object body;
  body["generalErrors"] = boost::json::array{std::move(error)};
  Response response = Response::json(HttpStatus::kServiceUnavailable, body);
  response.set_header("Retry-After", "1");
  return response;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerContext& context, asio::ip::tcp::socket socket)
      : context_(context), client_ip_(peer_address(socket)), stream_(std::move(socket)) {
    context_.connections.fetch_add(1, std::memory_order_relaxed);
  }

  ~Session() {
    error_code ignored;
    stream_.socket().close(ignored);
    context_.connections.fetch_sub(1, std::memory_order_relaxed);
    std::function<void()> drained;
    {
      const std::lock_guard lock(context_.mutex);
      context_.sessions.erase(this);
      if (context_.draining && context_.sessions.empty()) drained = context_.on_drained;
    }
    if (drained) drained();
  }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  static asio::awaitable<void> run(std::shared_ptr<Session> self) {
    try {
      co_await self->serve();
    } catch (const std::exception& e) {
      spdlog::error("connection from {} failed: {}", self->client_ip_, e.what());
    }
    error_code ignored;
    self->stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  }

  // Both run on the session's io thread (see post_to), so they never race the coroutine.
  void close_if_idle() {
    if (idle_) close();
  }
  void close() {
    error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
  }
  [[nodiscard]] asio::any_io_executor executor() { return stream_.get_executor(); }
  void post_to(void (Session::*action)()) {
    asio::post(stream_.get_executor(), [self = shared_from_this(), action] { (*self.*action)(); });
  }

 private:
  asio::awaitable<void> serve();
  // The router's filter around route().
  asio::awaitable<Response> dispatch(Request& request);
  asio::awaitable<Response> route(Request& request);
  asio::awaitable<bool> write(Response response, const Request& request, unsigned version,
                              bool keep_alive);
  asio::awaitable<void> refuse(HttpStatus status, const BeastRequest* message,
                               Clock::time_point started);
  asio::awaitable<void> linger_close();

  ServerContext& context_;
  std::string client_ip_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool idle_ = true;  // waiting for the first byte of a request; only touched on its io thread
};

asio::awaitable<void> Session::serve() {
  const ServerOptions& options = context_.options;
  while (!context_.stopping.load(std::memory_order_acquire)) {
    // Idle between requests: wait for a first byte under idle_timeout, unless a pipelined
    // request is already buffered.
    if (buffer_.size() == 0) {
      idle_ = true;
      stream_.expires_after(options.idle_timeout);
      const auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
      idle_ = false;
      if (ec) co_return;  // closed by the peer, idle timeout, or closed by a drain
      buffer_.commit(n);
    }
    idle_ = false;
    const auto started = Clock::now();

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(clamp_to_u32(options.header_limit));
    parser.body_limit(options.body_limit);

    // Security (slowloris): one deadline for the whole header block, not per read.
    stream_.expires_after(options.header_timeout);
    // Gather the header block first so its raw bytes can be checked for obs-fold, which the
    // parser would otherwise unfold silently. Past header_limit the parser answers 431.
    for (HeaderBlock block = scan(buffer_); block != HeaderBlock::kComplete;
         block = scan(buffer_)) {
      // Security: bytes that cannot begin a request (TLS on the plain port, garbage) are
      // refused as they arrive, not held until the header deadline.
      if (block == HeaderBlock::kObsFold || !may_begin_request(buffered(buffer_))) {
        co_await refuse(HttpStatus::kBadRequest, nullptr, started);
        co_return;
      }
      if (buffer_.size() > options.header_limit) break;
      const auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
      if (ec) co_return;  // timeout or the peer went away: nothing worth answering
      buffer_.commit(n);
    }
    if (const auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, parser, kUseTuple);
        ec) {
      if (ec == bhttp::error::header_limit) {
        co_await refuse(HttpStatus::kRequestHeaderFieldsTooLarge, nullptr, started);
      } else if (ec == bhttp::error::body_limit) {
        // Security: a declared Content-Length over the limit is refused before any body byte.
        co_await refuse(HttpStatus::kPayloadTooLarge, nullptr, started);
      } else if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
                 ec == bhttp::error::partial_message || ec == asio::error::eof ||
                 ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
        // Nothing worth answering: a silent close costs a slow client the most.
      } else {
        // Any other parser error (bad request-line, field, Content-Length, Transfer-Encoding,
        // bare LF, bad chunk size...). Beast's parser is strict, per RFC 9112.
        co_await refuse(HttpStatus::kBadRequest, nullptr, started);
      }
      co_return;
    }

    BeastRequest& message = parser.get();
    Fields headers;
    headers.reserve(16);
    for (const auto& field : message) {
      headers.emplace_back(field.name_string(), field.value());
    }
    if (const auto refusal = check_framing(headers, message.version() == 11)) {
      co_await refuse(*refusal, &message, started);
      co_return;
    }
    if (!is_supported_method(message.method())) {
      co_await refuse(HttpStatus::kNotImplemented, &message, started);
      co_return;
    }

    if (!parser.is_done()) {
      // RFC 9110 §10.1.1: a client waiting for 100 Continue gets it only once the header
      // block passed every check above (a too-large Content-Length was refused already).
      if (message.version() == 11 && expects_continue(message)) {
        bhttp::response<bhttp::empty_body> interim{bhttp::status::continue_, 11};
        stream_.expires_after(options.write_timeout);
        if (const auto [ec, n] = co_await bhttp::async_write(stream_, interim, kUseTuple); ec) {
          co_return;
        }
      }
      stream_.expires_after(options.body_timeout);
      if (const auto [ec, n] = co_await bhttp::async_read(stream_, buffer_, parser, kUseTuple);
          ec) {
        if (ec == bhttp::error::body_limit) {
          co_await refuse(HttpStatus::kPayloadTooLarge, &message, started);
        } else if (ec != beast::error::timeout && ec != bhttp::error::partial_message &&
                   ec != bhttp::error::end_of_stream && ec != asio::error::operation_aborted &&
                   ec != asio::error::connection_reset && ec != asio::error::eof) {
          co_await refuse(HttpStatus::kBadRequest, &message, started);  // bad chunk framing
        }
        co_return;
      }
    }

    Request request;
    request.method = std::string(message.method_string());
    // Security: headers are those of the header block; chunked trailer fields never reach a
    // handler, so they cannot add an Authorization or a Content-Type after the checks above.
    request.headers = std::move(headers);
    ClientOrigin origin =
        resolve_client(options.trusted_proxies, context_.public_url, client_ip_, request.headers);
    request.client_ip = std::move(origin.client_ip);
    request.secure = origin.secure;
    request.base_url = std::move(origin.base_url);
    request.forwarded_host = std::move(origin.forwarded_host);
    request.request_id = choose_request_id(request.header("x-request-id"));
    Response response;
    if (request.set_target(std::string(message.target()))) {
      request.body = std::move(message.body());
      response = co_await dispatch(request);
    } else {
      request.target = std::string(message.target());
      response = Response::empty(HttpStatus::kBadRequest);
    }

    // Read after the handler, so a drain that began meanwhile closes this connection.
    const bool keep_alive =
        message.keep_alive() && !context_.stopping.load(std::memory_order_acquire);
    const int status = to_int(response.status);
    const std::size_t bytes = request.method == "HEAD" ? 0 : response.body.size();
    const bool written =
        co_await write(std::move(response), request, message.version(), keep_alive);
    log_access({.method = request.method,
                .target = request.target,
                .status = status,
                .duration = Clock::now() - started,
                .bytes = written ? bytes : 0,
                .request_id = request.request_id,
                .client_ip = request.client_ip,
                .peer_ip = client_ip_});
    if (!written) co_return;
    if (!keep_alive) {
      // RFC 9112 §9.6: half-close, then let the client read our answer before the socket goes.
      co_await linger_close();
      co_return;
    }
  }
}

// `request` lives in the frame of serve(), which awaits this coroutine, so the reference
// outlives every use.
asio::awaitable<Response> Session::dispatch(Request& request) {
  const RequestFilter* filter = context_.router->filter();
  if (filter != nullptr) {
    if (auto early = filter->before(request)) co_return std::move(*early);
  }
  Response response = co_await route(request);
  if (filter != nullptr) filter->after(request, response);
  co_return response;
}

asio::awaitable<Response> Session::route(Request& request) {
  const Router::Match match = context_.router->match(request);
  if (!match) co_return match.error_response();
  try {
    Response response;
    if (match.run_on == RunOn::kIoThread) {
      response = (*match.handler)(request);
    } else {
      std::optional<Response> outcome =
          co_await run_on_worker(context_.workers, *match.handler, request);
      if (!outcome) {
        // Overloaded: refuse quickly rather than queue without bound (RFC 9110 §15.6.4).
        Response busy = Response::empty(HttpStatus::kServiceUnavailable);
        busy.set_header("Retry-After", "1");
        co_return busy;
      }
      response = std::move(*outcome);
    }
    for (const auto& [name, value] : response.headers) {
      if (!is_valid_header_name(name) || !is_valid_header_value(value)) {
        throw std::logic_error("handler produced an invalid header: " + name);
      }
    }
    co_return response;
  } catch (const Unavailable& e) {
    // An outage (the database busy past its deadline, or down), not a bug: 503, so clients and
    // load balancers retry, with FusionAuth's Errors body on every front door.
    spdlog::warn("request {} {} unavailable: {}", request.request_id, request.method, e.what());
    co_return unavailable_response();
  } catch (const std::exception& e) {
    // The one place handler failures land: the log gets the detail, the client a bare 500.
    spdlog::error("request {} {} failed: {}", request.request_id, request.method, e.what());
  } catch (...) {
    spdlog::error("request {} {} failed: unknown exception", request.request_id, request.method);
  }
  co_return Response::empty(HttpStatus::kInternalServerError);
}

asio::awaitable<bool> Session::write(Response response, const Request& request, unsigned version,
                                     bool keep_alive) {
  BeastResponse out{static_cast<bhttp::status>(to_int(response.status)), version};
  if (const auto reason = reason_for(response.status); !reason.empty()) out.reason(reason);
  for (auto& [name, value] : response.headers) {
    if (!is_session_owned_field(name)) out.insert(name, value);
  }
  out.set(bhttp::field::server, "latchkey");
  out.set(bhttp::field::date, http_date(std::chrono::system_clock::now()));
  if (!request.request_id.empty()) out.set("X-Request-Id", request.request_id);
  out.keep_alive(keep_alive);

  const int status = to_int(response.status);
  const bool bodiless_status = status == 204 || status == 304 || (status >= 100 && status < 200);
  if (bodiless_status) {
    // RFC 9110 §15.3.5, §15.4.5: these never carry content, whatever the handler set.
  } else if (request.method == "HEAD") {
    // RFC 9110 §9.3.2: the length GET would have sent, no content.
    out.content_length(response.body.size());
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }

  stream_.expires_after(context_.options.write_timeout);
  const auto [ec, n] = co_await bhttp::async_write(stream_, out, kUseTuple);
  co_return !ec;
}

// Answers an error and closes: after a framing or limit error the byte stream can no longer be
// trusted to hold request boundaries, so the connection is never reused.
asio::awaitable<void> Session::refuse(HttpStatus status, const BeastRequest* message,
                                      Clock::time_point started) {
  Request request;
  if (message != nullptr) {
    request.method = std::string(message->method_string());
    request.target = std::string(message->target());
  }
  request.request_id = new_request_id();
  const bool written = co_await write(Response::empty(status), request,
                                      message != nullptr ? message->version() : 11, false);
  log_access({.method = request.method,
              .target = request.target,
              .status = to_int(status),
              .duration = Clock::now() - started,
              .bytes = 0,
              .request_id = request.request_id,
              .client_ip = client_ip_});
  if (written) co_await linger_close();
}

asio::awaitable<void> Session::linger_close() {
  error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  // Security: bounded in time and bytes, so lingering cannot be turned into a way to hold a
  // connection open.
  stream_.expires_after(kLingerTime);
  std::size_t discarded = 0;
  std::array<char, 4096> sink{};
  while (discarded < kLingerBytes) {
    const auto [ec, n] = co_await stream_.async_read_some(asio::buffer(sink), kUseTuple);
    if (ec) break;
    discarded += n;
  }
  stream_.close();
}

void start_session(ServerContext& context, asio::ip::tcp::socket socket) {
  auto session = std::make_shared<Session>(context, std::move(socket));
  {
    const std::lock_guard lock(context.mutex);
    context.sessions.emplace(session.get(), session);
  }
  // The socket belongs to an io context that one thread runs, so the coroutine and every
  // close_* posted to the session run one at a time.
  auto executor = session->executor();
  asio::co_spawn(executor, Session::run(std::move(session)), [](const std::exception_ptr& error) {
    if (error) spdlog::error("session ended by an unexpected exception");
  });
}

std::size_t begin_drain(ServerContext& context) {
  std::vector<std::shared_ptr<Session>> live;
  std::size_t remaining = 0;
  {
    const std::lock_guard lock(context.mutex);
    context.draining = true;
    context.stopping.store(true, std::memory_order_release);
    live.reserve(context.sessions.size());
    for (const auto& [key, weak] : context.sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    remaining = context.sessions.size();
  }
  for (const auto& session : live) session->post_to(&Session::close_if_idle);
  return remaining;
}

void close_all(ServerContext& context) {
  std::vector<std::shared_ptr<Session>> live;
  {
    const std::lock_guard lock(context.mutex);
    for (const auto& [key, weak] : context.sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live) session->post_to(&Session::close);
}

}  // namespace latchkey::http::detail
