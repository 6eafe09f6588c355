#pragma once
// Maps a method and a path to a handler. Templates are literal segments and `{name}` segments,
// each `{name}` matching exactly one non-empty segment. A literal segment wins over a parameter
// at the same position, so `/api/user/registration` is never taken by `/api/user/{userId}`.
//
//   Router router;
//   router.add("GET", "/api/user/{userId}", get_user);
//   router.add("GET", "/.well-known/jwks.json", jwks, RunOn::kIoThread);
//   const auto match = router.match(request);   // fills request.path_params
//   Response response = match ? (*match.handler)(request) : match.error_response();

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/http_status.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::http {

using Handler = std::function<Response(Request&)>;

// A cross-cutting step around routing, for rules that hold for every path (CORS). Both calls
// run on the I/O thread, so they must be cheap and never block: read in-memory state only.
class RequestFilter {
 public:
  virtual ~RequestFilter() = default;
  // An answer that replaces routing (a CORS preflight or refusal), or nothing to route.
  [[nodiscard]] virtual std::optional<Response> before(const Request& request) const = 0;
  // Adjusts every answer of a routed request, error answers included.
  virtual void after(const Request& request, Response& response) const = 0;
};

enum class RunOn {
  kWorker,    // may block (database, password hashing, RSA signing): runs on the worker pool
  kIoThread,  // cheap and non-blocking (JWKS, discovery, HMAC validation): runs inline
};

class Router {
 public:
  struct Match {
    const Handler* handler = nullptr;  // set when a route matched; owned by the Router
    RunOn run_on = RunOn::kWorker;
    // kOk, kNotFound, kMethodNotAllowed, or kNoContent for OPTIONS on a path that exists
    HttpStatus status = HttpStatus::kNotFound;
    std::string allow;  // for 405 and OPTIONS: the path's methods, "GET, POST"

    explicit operator bool() const { return handler != nullptr; }
    // 404 with an empty body, 405 with an Allow header (RFC 9110 §15.5.6), or the answer to
    // OPTIONS: 204 with an Allow header (§9.3.7).
    [[nodiscard]] Response error_response() const;
  };

  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Throws std::invalid_argument for a malformed template (not starting with `/`, an empty or
  // half-braced segment, a repeated parameter name) or a method+template added twice.
  void add(std::string method, std::string path_template, Handler handler,
           RunOn run_on = RunOn::kWorker);

  // Matches request.method and request.raw_path (request.path when raw_path is empty; one
  // trailing slash ignored) and, on success, replaces request.path_params with the captured
  // segments. The path is split on its literal slashes before each segment is percent-decoded,
  // so an encoded slash stays inside its segment; a "." or ".." segment (however encoded)
  // matches nothing. Safe to call from many threads once every route is added.
  [[nodiscard]] Match match(Request& request) const;

  // A step around every request the server routes (CORS). Set once, before serving; the
  // filter must outlive the router's use.
  void filter_with(const RequestFilter* filter) { filter_ = filter; }
  [[nodiscard]] const RequestFilter* filter() const { return filter_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  const RequestFilter* filter_ = nullptr;
};

}  // namespace latchkey::http
