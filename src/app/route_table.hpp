#pragma once
// One route of the tables: method, path template, the authentication it declares, its handler.
// The handler's shape must be the one its Auth kind hands over, and a line where it is not
// does not compile (the constructor is consteval), so a route cannot run a handler that expects
// a caller its kind never established.
//
//   {"GET", "/api/user/{userId}", Auth::kApiKey, api::retrieve_user},
//   {"GET", "/api/jwt/validate", Auth::kJwt, api::validate_jwt, http::RunOn::kIoThread},
//   {"POST", "/api/login", Auth::kOptionalApiKey, api::login, api::read_first::login_body},

#include <string_view>
#include <variant>
#include <vector>

#include "api/api_services.hpp"
#include "api/route_auth.hpp"
#include "http/router.hpp"

namespace latchkey::app {

using api::Auth;

// The handler shapes, one per family of kinds (api/route_auth.hpp, Established).
using AnonymousHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&);
using CallerHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&,
                                                 const services::Caller&);
// By value: /api/jwt/validate moves the claims into its answer.
using JwtHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&, api::ValidJwt);
using JwtUserHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&,
                                                  const services::AuthenticatedToken&);
using JwtOrApiKeyHandler = Result<http::Response> (*)(http::Request&, api::ApiServices&,
                                                      const api::JwtOrApiKeyCaller&);
// /oauth2/*, discovery and the hosted pages render their own OAuth errors and HTML.
using OAuthHandler = http::Response (*)(const http::Request&, const services::OAuthEndpoints&);
using PasswordPageHandler = http::Response (*)(const http::Request&,
                                               const services::OAuthEndpoints&,
                                               services::ChangePasswordService&);
// A FusionAuth endpoint Latchkey does not serve: 501 naming the template (unserved_routes.cpp).
struct NotImplemented {};

using Endpoint =
    std::variant<AnonymousHandler, CallerHandler, JwtHandler, JwtUserHandler, JwtOrApiKeyHandler,
                 OAuthHandler, PasswordPageHandler, NotImplemented>;

// Whether `kind` hands over what `endpoint` takes.
constexpr bool fits(Auth kind, const Endpoint& endpoint) {
  // NOLINTNEXTLINE(bugprone-branch-clone): the branches differ in their template arguments.
  switch (kind) {
    case Auth::kAnonymous:
      return std::holds_alternative<AnonymousHandler>(endpoint) ||
             std::holds_alternative<OAuthHandler>(endpoint) ||
             std::holds_alternative<PasswordPageHandler>(endpoint) ||
             std::holds_alternative<NotImplemented>(endpoint);
    case Auth::kOptionalApiKey:
    case Auth::kApiKey:
    case Auth::kApiKeyOrChangePasswordId:
      return std::holds_alternative<CallerHandler>(endpoint);
    case Auth::kJwt:
      return std::holds_alternative<JwtHandler>(endpoint);
    case Auth::kJwtUser:
      return std::holds_alternative<JwtUserHandler>(endpoint);
    case Auth::kJwtOrApiKey:
      return std::holds_alternative<JwtOrApiKeyHandler>(endpoint);
    case Auth::kClientCredentials:
    case Auth::kOAuthBearer:
      return std::holds_alternative<OAuthHandler>(endpoint);
  }
  return false;
}

struct Route {
  template <class Handler>
  consteval Route(std::string_view method_, std::string_view path_, Auth auth_, Handler handler_,
                  http::RunOn run_on_ = http::RunOn::kWorker)
      : method(method_), path(path_), auth(auth_), handler(handler_), run_on(run_on_) {
    // A throw in a consteval constructor is a compile error: the kind and handler disagree.
    if (!fits(auth, handler)) throw "route's Auth kind does not hand over what its handler takes";
  }
  template <class Handler>
  consteval Route(std::string_view method_, std::string_view path_, Auth auth_, Handler handler_,
                  api::InputCheck read_first_)
      : Route(method_, path_, auth_, handler_) {
    read_first = read_first_;
  }
  // The unserved routes, built in a loop from their own table.
  static Route not_implemented(std::string_view method, std::string_view path) {
    return Route(method, path);
  }

  std::string_view method;
  std::string_view path;
  Auth auth = Auth::kAnonymous;
  Endpoint handler;
  http::RunOn run_on = http::RunOn::kWorker;
  api::InputCheck read_first = nullptr;  // see api::InputCheck

 private:
  Route(std::string_view method_, std::string_view path_)
      : method(method_), path(path_), handler(NotImplemented{}), run_on(http::RunOn::kIoThread) {}
};

using RouteTable = std::vector<Route>;

// Every route Latchkey serves (app/routes.cpp and the *_routes.cpp beside it).
RouteTable route_table();

}  // namespace latchkey::app
