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
#include <string>
#include <vector>

#include "core/http_status.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::http {

using Handler = std::function<Response(Request&)>;

enum class RunOn {
  kWorker,    // may block (database, password hashing, RSA signing): runs on the worker pool
  kIoThread,  // cheap and non-blocking (JWKS, discovery, HMAC validation): runs inline
};

class Router {
 public:
  struct Match {
    const Handler* handler = nullptr;  // set when a route matched; owned by the Router
    RunOn run_on = RunOn::kWorker;
    HttpStatus status = HttpStatus::kNotFound;  // kOk, kNotFound or kMethodNotAllowed
    std::string allow;                          // for 405: the path's methods, "GET, POST"

    explicit operator bool() const { return handler != nullptr; }
    // 404 with an empty body, or 405 with an Allow header (RFC 9110 §15.5.6).
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

 private:
  struct Node;
  std::unique_ptr<Node> root_;
};

}  // namespace latchkey::http
