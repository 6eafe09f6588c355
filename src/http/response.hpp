#pragma once
// What a handler answers: a status, headers and a body, plain data. The session adds framing
// (Content-Length, Connection), Date, Server and X-Request-Id; handlers never set those.
//
//   auto response = Response::json(HttpStatus::kOk, {{"token", token}});
//   response.set_header("Cache-Control", "no-store");
//   response.set_cookie({.name = "lk_session", .value = id, .secure = request.secure});

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http_status.hpp"
#include "http/cookies.hpp"

namespace latchkey::http {

inline constexpr std::string_view kJsonContentType = "application/json;charset=UTF-8";
inline constexpr std::string_view kHtmlContentType = "text/html;charset=UTF-8";
inline constexpr std::string_view kTextContentType = "text/plain;charset=UTF-8";

struct Response {
  HttpStatus status = HttpStatus::kOk;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response empty(HttpStatus status);
  // FusionAuth's TypeScript client parses a body only when its Content-Type starts with
  // application/json, so JSON always carries that exact type.
  static Response json(HttpStatus status, const boost::json::value& body);
  static Response redirect(const std::string& location, HttpStatus status = HttpStatus::kFound);
  static Response html(HttpStatus status, std::string body);
  static Response text(HttpStatus status, std::string body);

  // Replaces every header called `name` (case-insensitive) by one with `value`.
  void set_header(std::string_view name, std::string_view value);
  // Appends a header, keeping any of the same name (Set-Cookie, Vary...).
  void add_header(std::string_view name, std::string_view value);
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
  // Appends one Set-Cookie header (see render_set_cookie for what throws).
  void set_cookie(const Cookie& cookie);
};

// Security: a header name must be an RFC 9110 §5.6.2 token and a value must hold no CR, LF or
// NUL, or a handler echoing user input (a redirect_uri, a state) could split the response.
// set_header and add_header throw std::invalid_argument on either; the session checks again.
[[nodiscard]] bool is_valid_header_name(std::string_view name);
[[nodiscard]] bool is_valid_header_value(std::string_view value);

}  // namespace latchkey::http
